import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { liveAlerts, request, session, type LiveState } from './api';
import { RiskPage } from './buyer';
import { ForecastCommits } from './commits';
import { CommitExceptions, type OutagePreset } from './exceptions';
import { KpiPanel } from './kpis';
import { WhatIf } from './whatif';
import { setTimeZone } from './dates';
import { LoginDocument, PortalAlertCursorDocument, PortalAlertsDocument, PortalMeDocument, type PortalMeQuery } from './generated/graphql';
import { Shipping } from './shipping';
import { ForecastTable, LeadTimes, OpenLines } from './supplier';

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
  return (
    <>
      <header class="top">
        <h1>ShortStop <span class="muted">{me.organization.name}</span></h1>
        <span class={`live ${live}`} role="status" aria-live="polite" data-testid="live-state">{STATE_LABEL[live]}</span>
        <button type="button" class="secondary" onClick={props.onLogout}>Log out</button>
      </header>
      {notes.length > 0 && (
        <ul class="notes" aria-label="Latest alerts" aria-live="polite">
          {notes.map((n) => <li key={n.cursor}>{n.message}</li>)}
        </ul>
      )}
      <main>
        {supplier ? (
          <>
            <OpenLines version={version} onChanged={refresh} />
            <Shipping version={version} onChanged={refresh} />
            <ForecastTable />
            <ForecastCommits version={version} />
            <LeadTimes supplierId={me.organization.id} />
          </>
        ) : (
          <>
            <KpiPanel />
            <CommitExceptions version={version} onWhatIf={(outage) => setOutage({ ...outage, at: Date.now() })} />
            <WhatIf preset={outage} />
            <RiskPage />
          </>
        )}
      </main>
    </>
  );
}

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
