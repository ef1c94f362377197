import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { liveAlerts, request, session, type LiveState } from './api';
import { ForecastCommits } from './commits';
import { CommitExceptions, type OutagePreset } from './exceptions';
import { KpiPanel } from './kpis';
import { WhatIf } from './whatif';
import { setTimeZone } from './dates';
import { LoginDocument, PortalAlertCursorDocument, PortalAlertsDocument, PortalMeDocument, type PortalMeQuery } from './generated/graphql';
import { OrderPage } from './order';
import { OrdersList } from './orders';
import { BuyerChanges } from './changes';
import { DemandPanel } from './demand';
import { mayPublishForecasts } from './fields';
import { RiskPage, riskPanels } from './risk';
import { RiskList } from './risks';
import { href, useRoute } from './router';
import { Shipping } from './shipping';
import { ForecastTable, LeadTimes, OpenLines } from './supplier';

// A risk's page shows the demand of its item x location (sales history beside the baseline forecast, accuracy).
riskPanels.push(({ itemId, locationId, risk, role }) => (
  <DemandPanel itemId={itemId} locationId={locationId} label={`${risk.item.sku} at ${risk.location.code}`} mayPublish={mayPublishForecasts(role)} />
));

type Me = PortalMeQuery['me'];

function Login(props: { onLoggedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const { login } = await request(LoginDocument, { email, password });
      session.set(login.token);
      props.onLoggedIn();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <main class="login">
      <h1>ShortStop</h1>
      <p>Confirm deliveries for your customers.</p>
      <form onSubmit={submit}>
        <label>Email<input type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} /></label>
        <label>Password<input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} /></label>
        {error && <p role="alert" class="field-error">{error}</p>}
        <button type="submit">Log in</button>
      </form>
    </main>
  );
}

const STATE_LABEL: Record<LiveState, string> = { connecting: 'Connecting…', live: 'Live', offline: 'Offline, reconnecting' };

function Portal(props: { me: Me; onLogout: () => void }) {
  const { me } = props;
  const [version, setVersion] = useState(0);
  const [live, setLive] = useState<LiveState>('connecting');
  const [notes, setNotes] = useState<{ cursor: string; message: string }[]>([]);
  const refresh = () => setVersion((v) => v + 1);
  const [outage, setOutage] = useState<(OutagePreset & { at: number }) | undefined>(undefined);

  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    request(PortalAlertCursorDocument).then(({ alertCursor }) => {
      if (cancelled) return;
      stop = liveAlerts({
        startAfter: alertCursor,
        query: PortalAlertsDocument,
        onState: setLive,
        onRefused: props.onLogout,
        onAlert: (alert) => {
          setNotes((list) => [{ cursor: alert.cursor, message: alert.message }, ...list].slice(0, 5));
          if (alert.type.startsWith('PURCHASE_ORDER')) refresh();
        },
      });
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);

  const supplier = me.organization.kind === 'SUPPLIER';
  const route = useRoute();
  const pages = supplier ? SUPPLIER_PAGES : BUYER_PAGES;
  const page = pages.find((p) => p.key === route[0]) ?? pages[0];
  useEffect(() => {
    document.title = `${page.label} · ShortStop`;
  }, [page.key]);
  const role = supplier ? 'supplier' : 'buyer';
  let content;
  if (page.key === 'orders' && route[1]) content = <OrderPage id={route[1]} role={role} version={version} onChanged={refresh} />;
  else if (page.key === 'orders' && !supplier) {
    // The buyer's orders, and its open lines to change or whose proposed price to decide (issue 18).
    content = (
      <>
        <OrdersList role={role} version={version} onChanged={refresh} />
        <BuyerChanges />
      </>
    );
  } else if (page.key === 'orders') content = <OrdersList role={role} version={version} onChanged={refresh} />;
  else if (page.key === 'confirm') content = <OpenLines version={version} onChanged={refresh} />;
  else if (page.key === 'shipping') content = <Shipping version={version} onChanged={refresh} />;
  else if (page.key === 'forecast') {
    content = (
      <>
        <ForecastTable />
        <ForecastCommits version={version} />
        <LeadTimes supplierId={me.organization.id} />
      </>
    );
  } else if (page.key === 'risks' && route[1] && route[2]) content = <RiskPage itemId={route[1]} locationId={route[2]} version={version} role={me.role} />;
  else if (page.key === 'risks') content = <RiskList />;
  else {
    content = (
      <>
        <KpiPanel />
        <CommitExceptions version={version} onWhatIf={(outage) => setOutage({ ...outage, at: Date.now() })} />
        <WhatIf preset={outage} />
      </>
    );
  }
  return (
    <>
      <a class="skip" href="#content" onClick={(e) => { e.preventDefault(); document.getElementById('content')?.focus(); }}>Skip to the page</a>
      <header class="top">
        <h1>ShortStop <span class="muted">{me.organization.name}</span></h1>
        <span class={`live ${live}`} role="status" aria-live="polite" data-testid="live-state">{STATE_LABEL[live]}</span>
        <span class="muted">{me.email}</span>
        <button type="button" class="secondary" onClick={props.onLogout}>Log out</button>
      </header>
      <nav class="pages" aria-label="Pages">
        <ul>
          {pages.map((p) => (
            <li key={p.key}><a href={href(p.key)} aria-current={p.key === page.key ? 'page' : undefined}>{p.label}</a></li>
          ))}
        </ul>
      </nav>
      {notes.length > 0 && (
        <ul class="notes" aria-label="Latest alerts" aria-live="polite">
          {notes.map((n) => <li key={n.cursor}>{n.message}</li>)}
        </ul>
      )}
      <main id="content" tabIndex={-1}>{content}</main>
    </>
  );
}

/** The pages of each side, in the navigation's order; the first is where a user lands. */
const SUPPLIER_PAGES = [
  { key: 'orders', label: 'Orders' },
  { key: 'confirm', label: 'To confirm' },
  { key: 'shipping', label: 'Ship and re-promise' },
  { key: 'forecast', label: 'Forecast and commits' },
];
const BUYER_PAGES = [
  { key: 'risks', label: 'Shortage risk' },
  { key: 'orders', label: 'Orders' },
  { key: 'planning', label: 'KPIs and what-if' },
];

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const load = () => {
    if (!session.get()) return setMe(null);
    request(PortalMeDocument)
      .then((data) => {
        setTimeZone(data.me.organization.timeZone);
        setMe(data.me);
      })
      .catch(() => {
        session.clear();
        setMe(null);
      });
  };
  useEffect(load, []);
  if (me === undefined) return <p aria-busy="true">Loading…</p>;
  if (me === null) return <Login onLoggedIn={load} />;
  return <Portal me={me} onLogout={() => { session.clear(); setMe(null); }} />;
}

render(<App />, document.getElementById('app')!);
