import type { EntityManager } from '@mikro-orm/postgresql';
import { takeCounter } from '../tenancy/counters';
import { newId } from '../../shared/ids';
import { sql } from '../../shared/sql';
import type { AuthedContext } from '../../core/context';
import type { Scope } from '../../core/scope';
import { afterCommit, beforeCommit, currentScope, enterScope } from '../../core/transaction';
import type { AlertType } from './alert-type';

/** Something that tells every instance, after commit, which organizations have new alerts. */
export interface AlertAnnouncer {
  announce(organizationIds: string[]): void;
}

/** The alerts raised in each open unit of work, by the scope that raised them, keyed by the unit's EntityManager. */
const pending = new WeakMap<EntityManager, Map<Scope, NewAlert[]>>();

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
}

/**
 * Raises alerts in the caller's unit of work (the outbox): they are written
 * as its last statements, so they exist if and only if their cause commits,
 * and the recipients' cursor counters stay locked only for the moment before
 * commit; once it has committed, their organizations are announced.
 * Announcing inside the transaction could wake a reader before the rows are
 * visible (and NOTIFY in a busy transaction takes a global lock at commit).
 */
export function raiseAlerts(ctx: AuthedContext, alerts: NewAlert[]): void {
  if (alerts.length === 0) return;
  let byScope = pending.get(ctx.em);
  if (!byScope) {
    const raised = new Map<Scope, NewAlert[]>();
    pending.set(ctx.em, raised);
    byScope = raised;
    beforeCommit(ctx, pending, async () => {
      pending.delete(ctx.em);
      const organizations = await writeAlerts(ctx, raised);
      afterCommit(ctx, () => ctx.services.alertBus.announce(organizations));
    });
  }
  const scope = currentScope(ctx);
  byScope.set(scope, [...(byScope.get(scope) ?? []), ...alerts]);
}

/**
 * Cursors come from each recipient's counter, taken in organization-id order
 * so two transactions never wait on each other's counters in opposite orders.
 * Each alert is written acting as the scope that raised it (a supplier's
 * change may make its retailer's risk recompute raise alerts to other
 * suppliers, as the retailer). Returns the recipient organizations.
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
      return { ...alert, id: newId(), cursor };
    });
    await enterScope(ctx, scope);
    await insertAlerts(ctx.em, rows);
  }
  await enterScope(ctx, home);
  return organizations;
}

async function insertAlerts(em: EntityManager, rows: (NewAlert & { id: string; cursor: number })[]): Promise<void> {
  await sql(
    em,
    `INSERT INTO alert (id, organization_id, cursor, type, message, purchase_order_id, purchase_order_line_id, item_id, location_id,
                        forecast_version_id, reallocation_id, ship_notice_id, created_at)
     SELECT *, now() FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::uuid[], $9::uuid[], $10::uuid[], $11::uuid[],
                                 $12::uuid[])`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.organizationId),
      rows.map((r) => r.cursor),
      rows.map((r) => r.type),
      rows.map((r) => r.message),
      rows.map((r) => r.purchaseOrderId ?? null),
      rows.map((r) => r.purchaseOrderLineId ?? null),
      rows.map((r) => r.itemId ?? null),
      rows.map((r) => r.locationId ?? null),
      rows.map((r) => r.forecastVersionId ?? null),
      rows.map((r) => r.reallocationId ?? null),
      rows.map((r) => r.shipNoticeId ?? null),
    ],
  );
}
