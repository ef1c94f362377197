import type { EntityManager } from '@mikro-orm/postgresql';
import { takeCounter, takeCountersSql } from '../tenancy/counters';
import { newId } from '../../shared/ids';
import { Params, write } from '../../shared/sql';
import type { AuthedContext } from '../../core/context';
import type { Scope } from '../../core/scope';
import { afterCommit, beforeCommit, currentScope, enterScope, heldByTransaction } from '../../core/transaction';
import type { AlertType } from './alert-type';

/**
 * The channel that tells every instance which organizations have new alerts: each transaction that writes alerts
 * sends its recipients on it (NOTIFY, delivered when and only when it commits).
 */
export const ALERTS_CHANNEL = 'shortstop_alerts';

/** Something that wakes this instance's readers, after commit, for the organizations that have new alerts. */
export interface AlertAnnouncer {
  announce(organizationIds: string[]): void;
}

/** The key of the alerts raised in a transaction (heldByTransaction), by the scope that raised them: gone with it when it rolls back. */
const PENDING = Symbol('alerts raised');

export interface NewAlert {
  /** The recipient organization. */
  organizationId: string;
  type: AlertType;
  message: string;
  purchaseOrderId?: string | null;
  purchaseOrderLineId?: string | null;
  itemId?: string | null;
  locationId?: string | null;
  forecastVersionId?: string | null;
  reallocationId?: string | null;
  shipNoticeId?: string | null;
  forecastCommitId?: string | null;
  webhookEndpointId?: string | null;
}

/**
 * Raises alerts in the caller's unit of work (the outbox): they are written
 * as its last statements, so they exist if and only if their cause commits,
 * and the recipients' cursor counters stay locked only for the moment before
 * commit. The same transaction NOTIFYs their organizations to every instance
 * (ALERTS_CHANNEL): PostgreSQL delivers a transaction's notifications only
 * once it has committed, and a listener only once the commit is visible to
 * it, so no reader is woken before the rows are there, and no instance
 * misses the news when this one stops right after the commit. (A
 * notification sent after the commit was a transaction of its own, with its
 * own commit record, and a round trip.) Once committed, this instance's own
 * readers are woken at once. Costs to know: PostgreSQL takes one
 * database-wide lock from a notifying transaction's commit to its end, so
 * such commits (and their WAL flushes) go one at a time, as the separate
 * notifying transactions' did; and a NOTIFY that fails (its queue full, 8
 * GB, behind a listener that stopped reading) fails the mutation.
 */
export function raiseAlerts(ctx: AuthedContext, alerts: NewAlert[]): void {
  if (alerts.length === 0) return;
  const held = heldByTransaction(ctx);
  let byScope = held.get(PENDING) as Map<Scope, NewAlert[]> | undefined;
  if (!byScope) {
    const raised = new Map<Scope, NewAlert[]>();
    held.set(PENDING, raised);
    byScope = raised;
    beforeCommit(ctx, PENDING, async () => {
      held.delete(PENDING);
      const organizations = await writeAlerts(ctx, raised);
      // Goes with the COMMIT, in its message (write): one NOTIFY per organization.
      await write(ctx.em, `SELECT pg_notify('${ALERTS_CHANNEL}', id) FROM unnest($1::text[]) AS id`, [organizations]);
      afterCommit(ctx, () => {
        ctx.services.alertBus.announce(organizations);
        ctx.services.webhooks?.wake();
      });
    });
  }
  const scope = currentScope(ctx);
  byScope.set(scope, [...(byScope.get(scope) ?? []), ...alerts]);
}

/**
 * Cursors come from each recipient's counter, taken in organization-id order
 * so two transactions never wait on each other's counters in opposite orders.
 * Each alert is written acting as a scope row-level security lets write it:
 * the transaction's own scope when every recipient is its organization or an
 * ACTIVE partner (then counters and alerts are one statement), else the
 * scope that raised it (a supplier's change may make its retailer's risk
 * recompute raise alerts to other suppliers, as the retailer). Returns the
 * recipient organizations.
 */
async function writeAlerts(ctx: AuthedContext, byScope: Map<Scope, NewAlert[]>): Promise<string[]> {
  const home = currentScope(ctx);
  const scopeOf = new Map<string, Scope>();
  const count = new Map<string, number>();
  for (const [scope, alerts] of byScope) {
    for (const alert of alerts) {
      if (!scopeOf.has(alert.organizationId)) scopeOf.set(alert.organizationId, scope);
      count.set(alert.organizationId, (count.get(alert.organizationId) ?? 0) + 1);
    }
  }
  const organizations = [...scopeOf.keys()].sort();
  const homeMayWrite = (organizationId: string) => organizationId === home.organizationId || home.partnerIds.includes(organizationId);
  if (organizations.every(homeMayWrite)) {
    await writeAsHome(ctx, [...byScope.values()].flat(), organizations, count);
    return organizations;
  }
  const next = new Map<string, number>();
  for (const organizationId of organizations) {
    await enterScope(ctx, scopeOf.get(organizationId)!);
    const n = count.get(organizationId)!;
    const last = await takeCounter(ctx.em, organizationId, 'alert', n);
    next.set(organizationId, last - n + 1);
  }
  for (const [scope, alerts] of byScope) {
    const rows = alerts.map((alert) => {
      const cursor = next.get(alert.organizationId)!;
      next.set(alert.organizationId, cursor + 1);
      return { ...alert, cursor };
    });
    await enterScope(ctx, scope);
    await insertAlerts(ctx.em, rows);
  }
  await enterScope(ctx, home);
  return organizations;
}

/**
 * Every alert written in the transaction's own scope, with the recipients'
 * counters, in one statement: each alert's cursor is its recipient's last
 * value taken less the alerts after it (`back`: 0 for its recipient's last).
 */
async function writeAsHome(ctx: AuthedContext, alerts: NewAlert[], organizations: string[], count: Map<string, number>): Promise<void> {
  const left = new Map(count);
  const back = alerts.map((alert) => {
    const remaining = left.get(alert.organizationId)! - 1;
    left.set(alert.organizationId, remaining);
    return remaining;
  });
  const p = new Params();
  const taken = takeCountersSql(p, organizations, 'alert', organizations.map((o) => count.get(o)!));
  const insert = alertInsertSql(p, alerts, back, { cursor: 't.value - x.n', join: 'JOIN taken t ON t.organization_id = x.organization_id' });
  // The transaction's last statement: it goes with its COMMIT.
  await write(ctx.em, `WITH taken AS (${taken}) ${insert}`, p.values);
}

async function insertAlerts(em: EntityManager, rows: (NewAlert & { cursor: number })[]): Promise<void> {
  const p = new Params();
  await write(em, alertInsertSql(p, rows, rows.map((r) => r.cursor), { cursor: 'x.n', join: '' }), p.values);
}

/** The INSERT of alerts, each with a number `x.n` (its cursor, or what to derive it from) that `how.cursor` turns into its cursor. */
function alertInsertSql(p: Params, alerts: NewAlert[], numbers: number[], how: { cursor: string; join: string }): string {
  return `INSERT INTO alert (id, organization_id, cursor, type, message, purchase_order_id, purchase_order_line_id, item_id, location_id,
                      forecast_version_id, reallocation_id, ship_notice_id, forecast_commit_id, webhook_endpoint_id, created_at)
   SELECT x.id, x.organization_id, ${how.cursor}, x.type, x.message, x.po, x.line, x.item, x.location, x.version, x.reallocation, x.notice, x.forecast_commit, x.webhook_endpoint, now()
     FROM unnest(${p.add(alerts.map(() => newId()))}::uuid[], ${p.add(alerts.map((a) => a.organizationId))}::uuid[], ${p.add(numbers)}::bigint[],
                 ${p.add(alerts.map((a) => a.type))}::text[], ${p.add(alerts.map((a) => a.message))}::text[],
                 ${p.add(alerts.map((a) => a.purchaseOrderId ?? null))}::uuid[], ${p.add(alerts.map((a) => a.purchaseOrderLineId ?? null))}::uuid[],
                 ${p.add(alerts.map((a) => a.itemId ?? null))}::uuid[], ${p.add(alerts.map((a) => a.locationId ?? null))}::uuid[],
                 ${p.add(alerts.map((a) => a.forecastVersionId ?? null))}::uuid[], ${p.add(alerts.map((a) => a.reallocationId ?? null))}::uuid[],
                 ${p.add(alerts.map((a) => a.shipNoticeId ?? null))}::uuid[], ${p.add(alerts.map((a) => a.forecastCommitId ?? null))}::uuid[],
                 ${p.add(alerts.map((a) => a.webhookEndpointId ?? null))}::uuid[])
          AS x(id, organization_id, n, type, message, po, line, item, location, version, reallocation, notice, forecast_commit, webhook_endpoint)
     ${how.join}`;
}
