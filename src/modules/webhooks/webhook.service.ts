import { randomBytes } from 'node:crypto';
import type { ActingOrganization } from '../../core/caller';
import type { Clock } from '../../core/clock';
import type { AuthedContext } from '../../core/context';
import type { JobDeps, JobSender } from '../../core/jobs';
import { asSystem } from '../../core/system';
import type { Page } from '../../shared/connection';
import { badInput, notFound } from '../../shared/errors';
import { isUuid } from '../../shared/ids';
import { isoTimestamp } from '../../shared/scalars';
import { keysetPage, type SortKey } from '../../shared/keyset';
import { forecastCommitNodeId, type ForecastCommitKey } from '../../shared/node';
import { Params, sql } from '../../shared/sql';
import { ALERT_COLUMNS, toAlertRow, type AlertRow } from '../alerts/alert-row';
import { AlertType } from '../alerts/alert-type';
import { raiseAlerts } from '../alerts/outbox';
import { WebhookDeliveryStatus, WebhookEndpointEntity } from './webhook.entity';
import { postJson, signatureHeader, urlProblem } from './webhook-http';

/** The job queue's queue of webhook work (made by migration Migration20261204070000_webhooks). */
export const WEBHOOK_QUEUE = 'webhooks';

export interface WebhookConfig {
  /** false (production default): https only, and no private, loopback or link-local address after DNS resolution. */
  allowPrivateAddresses: boolean;
  /** First retry delay; doubled per failed attempt, capped at maxRetryMs (defaults 5 s and 1 h). */
  retryBaseMs: number;
  maxRetryMs: number;
  /** Failing this long (from a delivery's first failure) deactivates the endpoint (default 24 h). */
  failureWindowMs: number;
  /** A receiver's answer must come within this (default 10 s). */
  timeoutMs: number;
}

export interface DeliveryRow {
  id: string;
  endpointId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastAttemptAt: Date | null;
  responseStatus: number | null;
  nextAttemptAt: Date | null;
  alert: AlertRow;
}

const DELIVERY_COLUMNS = `d.id, d.endpoint_id AS "endpointId", d.status, d.attempts, d.last_attempt_at AS "lastAttemptAt",
  d.response_status AS "responseStatus", d.next_attempt_at AS "nextAttemptAt", row_to_json(x) AS alert`;
const DELIVERY_FROM = `webhook_delivery d JOIN alert a ON a.id = d.alert_id CROSS JOIN LATERAL (SELECT ${ALERT_COLUMNS}) x`;
const DELIVERY_KEY: SortKey = [{ sql: 'd.alert_cursor', type: 'bigint' }];
/** Deliveries one job run makes before it hands over to a new run (other endpoints get their turn). */
const MAX_PER_RUN = 100;
const MAX_ENDPOINTS = 20;

/**
 * The JSON POSTed for an alert: {id, cursor, type, createdAt, message, data}
 * (data: the ids the alert links to, as the API shows them; webhookEndpointId
 * for WEBHOOK_ENDPOINT_DEACTIVATED; forecastCommitId
 * is ForecastCommit.id, made from the stored commit's key).
 */
export function webhookBody(alert: AlertRow, commitKey: ForecastCommitKey | null = null): string {
  const links: Record<string, string> = {};
  for (const key of ['purchaseOrderId', 'purchaseOrderLineId', 'itemId', 'locationId', 'reallocationId', 'shipNoticeId', 'webhookEndpointId'] as const) {
    if (alert[key]) links[key] = alert[key]!;
  }
  if (commitKey) links.forecastCommitId = forecastCommitNodeId(commitKey);
  return JSON.stringify({
    id: alert.id,
    cursor: String(alert.cursor),
    type: alert.type,
    createdAt: isoTimestamp(alert.createdAt),
    message: alert.message,
    data: links,
  });
}

/**
 * Signed webhooks (DESIGN.md "Integrations without a socket"): an
 * organization's endpoints, and the delivery of its alerts to them on the
 * job queue, at least once and in cursor order per endpoint.
 */
export class WebhookService {
  private sender: JobSender | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;

  constructor(readonly config: WebhookConfig) {}

  /** Where work is queued (the server's job queue, once started). */
  start(sender: JobSender): void {
    this.sender = sender;
  }

  stop(): void {
    this.sender = null;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
  }

  /** New alerts committed: queue a sweep soon (coalesced per 50 ms); the per-minute cron sweep covers a crash before it. */
  wake(): void {
    if (!this.sender || this.wakeTimer) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      void this.sender?.send(WEBHOOK_QUEUE, {}).catch(() => undefined);
    }, 50);
    this.wakeTimer.unref();
  }

  /** ADMIN: registers an endpoint; only alerts after this moment are delivered (replay reaches older ones). The secret is returned once. */
  async create(ctx: AuthedContext, input: { url: string; types?: AlertType[] | null }): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    const url = input.url.trim();
    if (url.length > 2000) throw badInput('input.url', 'At most 2,000 characters');
    const problem = urlProblem(url, this.config.allowPrivateAddresses);
    if (problem) throw badInput('input.url', problem);
    if (input.types && input.types.length === 0) throw badInput('input.types', 'Pass at least one alert type, or leave types out (null) for every type');
    const count = await sql<{ n: string }>(ctx.em, `SELECT count(*) AS n FROM webhook_endpoint WHERE organization_id = $1`, [ctx.caller.organizationId]);
    if (Number(count[0].n) >= MAX_ENDPOINTS) throw badInput('input.url', `At most ${MAX_ENDPOINTS} endpoints per organization: delete one first`);
    const [counter] = await sql<{ value: string | null }>(
      ctx.em,
      `SELECT max(value) AS value FROM organization_counter WHERE organization_id = $1 AND name = 'alert'`,
      [ctx.caller.organizationId],
    );
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const endpoint = ctx.em.create(WebhookEndpointEntity, {
      organization: ctx.caller.organizationId,
      url,
      types: input.types?.length ? [...new Set(input.types)] : null,
      secret,
      queuedThrough: counter?.value ?? '0',
    });
    await ctx.em.flush();
    return { endpoint, secret };
  }

  private async ownEndpoint(ctx: AuthedContext, id: string, field: string): Promise<WebhookEndpointEntity> {
    const visible = isUuid(id) ? await ctx.scope.visibleIds(ctx.em, 'webhookEndpoint', [id]) : new Set<string>();
    const endpoint = visible.has(id) ? await ctx.em.findOne(WebhookEndpointEntity, { id }) : null;
    if (!endpoint) throw notFound('Webhook endpoint', field);
    return endpoint;
  }

  /** ADMIN: deletes an endpoint and its delivery log; returns it as it was. */
  async delete(ctx: AuthedContext, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = await this.ownEndpoint(ctx, id, 'id');
    const copy = { ...endpoint } as WebhookEndpointEntity;
    await sql(ctx.em, `DELETE FROM webhook_endpoint WHERE id = $1`, [id]);
    ctx.em.clear();
    return copy;
  }

  /** ADMIN: the organization's endpoints, oldest first. */
  async list(ctx: AuthedContext): Promise<WebhookEndpointEntity[]> {
    const p = new Params();
    const ids = await sql<{ id: string }>(ctx.em, `SELECT v.id FROM webhook_endpoint v WHERE ${ctx.scope.where('webhookEndpoint', 'v', p)}`, p.values);
    return ctx.em.find(WebhookEndpointEntity, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { id: 'asc' } });
  }

  /** ADMIN: an endpoint's deliveries in cursor order, optionally of one status. */
  async deliveries(ctx: AuthedContext, args: { endpointId: string; status?: WebhookDeliveryStatus | null; first: number; after?: string | null }): Promise<Page<DeliveryRow>> {
    await this.ownEndpoint(ctx, args.endpointId, 'endpointId');
    const p = new Params();
    const where = [`d.endpoint_id = ${p.add(args.endpointId)}`, ctx.scope.where('webhookDelivery', 'd', p)];
    if (args.status) where.push(`d.status = ${p.add(args.status)}`);
    return keysetPage<DeliveryRow>(
      ctx.em,
      {
        select: DELIVERY_COLUMNS,
        from: DELIVERY_FROM,
        where,
        params: p,
        key: DELIVERY_KEY,
      },
      { first: args.first, after: args.after ?? null },
      { toNode: (row: DeliveryRow) => ({ ...row, alert: toAlertRow(row.alert) }) },
    );
  }

  /** One delivery of the caller's organization by id (Query.node), or null. */
  async delivery(ctx: AuthedContext, id: string): Promise<DeliveryRow | null> {
    const p = new Params();
    const [row] = await sql<DeliveryRow>(
      ctx.em,
      `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM} WHERE d.id = ${p.add(id)} AND ${ctx.scope.where('webhookDelivery', 'd', p)}`,
      p.values,
    );
    return row ? { ...row, alert: toAlertRow(row.alert) } : null;
  }

  /**
   * ADMIN: re-queues every alert of the organization after `after` (its
   * cursor) that the endpoint's types take: delivered or failed ones become
   * PENDING again, ones never queued are added; the endpoint is active
   * again. Returns how many deliveries are pending because of it.
   */
  async replay(ctx: AuthedContext, endpointId: string, after: string): Promise<number> {
    if (!/^\d{1,15}$/.test(after)) throw badInput('after', 'Invalid cursor: pass an alert cursor');
    const endpoint = await this.ownEndpoint(ctx, endpointId, 'endpointId');
    const p = new Params();
    // One statement, so one snapshot: queued_through moves to the last alert this statement saw, never past an alert
    // committed meanwhile (that one is queued by the next run, not skipped).
    const [row] = await sql<{ n: string }>(
      ctx.em,
      `WITH seen AS (
         SELECT a.organization_id, a.id, a.cursor, a.type FROM alert a
          WHERE a.organization_id = ${p.add(ctx.caller.organizationId)} AND a.cursor > ${p.add(after)}::bigint),
       queued AS (
         INSERT INTO webhook_delivery (id, endpoint_id, organization_id, alert_id, alert_cursor, status, attempts)
         SELECT gen_random_uuid(), ${p.add(endpoint.id)}, s.organization_id, s.id, s.cursor, 'PENDING', 0
           FROM seen s
          WHERE ${p.add(endpoint.types ?? null)}::text[] IS NULL OR s.type = ANY(${p.add(endpoint.types ?? null)}::text[])
         ON CONFLICT (endpoint_id, alert_id) DO UPDATE
            SET status = 'PENDING', attempts = 0, first_failed_at = NULL, next_attempt_at = NULL, response_status = NULL
         RETURNING 1),
       endpoint AS (
         UPDATE webhook_endpoint SET active = true, last_error = NULL,
                queued_through = greatest(queued_through, coalesce((SELECT max(cursor) FROM seen), 0))
          WHERE id = ${p.add(endpoint.id)}
          RETURNING 1)
       SELECT (SELECT count(*) FROM queued) AS n, (SELECT count(*) FROM endpoint) AS e`,
      p.values,
    );
    const rows = { length: Number(row.n) };
    this.wake();
    return rows.length;
  }

  /** A sweep: queues a delivery run for every active endpoint with work. */
  async sweep(deps: JobDeps): Promise<Record<string, number>> {
    const now = (deps.clock ?? { now: () => new Date() }).now();
    // Due: the head delivery may be attempted now, or new alerts of the endpoint's types wait (migration 20261208010000).
    const due = await sql<{ endpoint_id: string }>(deps.orm.em.fork(), `SELECT endpoint_id FROM webhook_endpoints_due($1)`, [now]);
    for (const { endpoint_id } of due) await this.sender?.send(WEBHOOK_QUEUE, { endpointId: endpoint_id });
    return { endpointsDue: due.length };
  }

  /**
   * One delivery run for an endpoint: queue its organization's new alerts
   * (of its types) as deliveries, then deliver the pending ones oldest
   * cursor first, one transaction per attempt holding the endpoint's row
   * (FOR UPDATE), so two runs never deliver for one endpoint at once and
   * order holds. A failure holds the deliveries behind it: retried after
   * retryBaseMs x 2^(attempts-1) (capped), until failureWindowMs after its
   * first failure; then the endpoint is deactivated and the organization
   * gets a WEBHOOK_ENDPOINT_DEACTIVATED alert. The run whose attempt failed
   * queues the endpoint's next run for the retry time (runs that find the
   * head not yet due queue nothing: the minute's sweep is the fallback). An instance that dies
   * mid-attempt rolls back that attempt: the delivery stays PENDING and is
   * sent again (at least once; receivers dedupe on ShortStop-Delivery-Id).
   */
  async deliver(deps: JobDeps, endpointId: string): Promise<Record<string, number>> {
    const clock: Clock = deps.clock ?? { now: () => new Date() };
    const [owner] = await sql<ActingOrganization>(deps.orm.em.fork(), `SELECT id, name, kind FROM webhook_endpoint_owner($1)`, [endpointId]);
    if (!owner) return { delivered: 0, failed: 0 };
    let delivered = 0;
    let failed = 0;
    let retryAt: Date | null = null;
    let more = false;
    const base = { em: deps.orm.em, services: deps.services, log: deps.log };
    await asSystem(base, owner, 'webhook delivery', (tx) => this.queueNew(tx, endpointId));
    for (let n = 0; ; n++) {
      if (n >= MAX_PER_RUN) {
        more = true;
        break;
      }
      const step = await asSystem(base, owner, 'webhook delivery', (tx) => this.attempt(tx, endpointId, clock));
      // Not due yet: the run whose attempt failed queued the retry; should that job be lost, the minute's sweep comes (at most a minute late).
      // Queuing one here too would multiply: every sweep would add a delayed job.
      if (step.kind === 'idle' || step.kind === 'wait') break;
      if (step.kind === 'delivered') delivered++;
      else {
        failed++;
        if (step.next) retryAt = step.next;
        break;
      }
    }
    if (more) await this.sender?.send(WEBHOOK_QUEUE, { endpointId });
    else if (retryAt) {
      const delay = Math.max(0, retryAt.getTime() - clock.now().getTime());
      await this.sender?.send(WEBHOOK_QUEUE, { endpointId, retry: true }, { startAfter: new Date(Date.now() + delay) });
    }
    return { delivered, failed };
  }

  /**
   * The organization's alerts after the endpoint's queued_through (of its
   * types) become PENDING deliveries, in a transaction of their own: a
   * delivery's id (ShortStop-Delivery-Id) then stays the same on every
   * attempt, even after an instance died mid-attempt.
   */
  private async queueNew(tx: AuthedContext, endpointId: string): Promise<void> {
    const [endpoint] = await sql<{ types: string[] | null; active: boolean; queued_through: string }>(
      tx.em,
      `SELECT types, active, queued_through FROM webhook_endpoint WHERE id = $1 FOR UPDATE`,
      [endpointId],
    );
    if (!endpoint?.active) return;
    const [queued] = await sql<{ last: string | null }>(
      tx.em,
      `WITH fresh AS (
         INSERT INTO webhook_delivery (id, endpoint_id, organization_id, alert_id, alert_cursor, status, attempts)
         SELECT gen_random_uuid(), $1, a.organization_id, a.id, a.cursor, 'PENDING', 0
           FROM alert a
          WHERE a.organization_id = $2 AND a.cursor > $3::bigint AND ($4::text[] IS NULL OR a.type = ANY($4::text[]))
         ON CONFLICT (endpoint_id, alert_id) DO NOTHING)
       SELECT max(cursor)::text AS last FROM alert WHERE organization_id = $2 AND cursor > $3::bigint`,
      [endpointId, tx.scope.organizationId, endpoint.queued_through, endpoint.types],
    );
    // The last cursor the INSERT's own snapshot saw (one statement): an alert committed after it is queued by the next run.
    if (queued?.last) await sql(tx.em, `UPDATE webhook_endpoint SET queued_through = greatest(queued_through, $2::bigint) WHERE id = $1`, [endpointId, queued.last]);
  }

  private async attempt(
    tx: AuthedContext,
    endpointId: string,
    clock: Clock,
  ): Promise<{ kind: 'idle' } | { kind: 'wait'; at: Date } | { kind: 'delivered' } | { kind: 'failed'; next: Date | null }> {
    const [endpoint] = await sql<{ id: string; url: string; secret: string; types: string[] | null; active: boolean; queued_through: string }>(
      tx.em,
      `SELECT id, url, secret, types, active, queued_through FROM webhook_endpoint WHERE id = $1 FOR UPDATE`,
      [endpointId],
    );
    if (!endpoint || !endpoint.active) return { kind: 'idle' };
    const organizationId = tx.scope.organizationId;
    const p = new Params();
    const [head] = await sql<{ id: string; attempts: number; first_failed_at: Date | null; next_attempt_at: Date | null; alert: AlertRow; commit_key: ForecastCommitKey | null }>(
      tx.em,
      `SELECT d.id, d.attempts, d.first_failed_at, d.next_attempt_at, row_to_json(x) AS alert,
              (SELECT json_build_object('versionId', fc.version_id, 'supplierId', fc.supplier_id, 'itemId', fc.item_id, 'locationId', fc.location_id,
                                        'periodStart', fc.period_start)
                 FROM forecast_commit fc WHERE fc.id = a.forecast_commit_id) AS commit_key
         FROM webhook_delivery d JOIN alert a ON a.id = d.alert_id CROSS JOIN LATERAL (SELECT ${ALERT_COLUMNS}) x
        WHERE d.endpoint_id = ${p.add(endpointId)} AND d.status = 'PENDING'
        ORDER BY d.alert_cursor LIMIT 1`,
      p.values,
    );
    if (!head) return { kind: 'idle' };
    const now = clock.now();
    if (head.next_attempt_at && new Date(head.next_attempt_at) > now) return { kind: 'wait', at: new Date(head.next_attempt_at) };
    const body = webhookBody(toAlertRow(head.alert), head.commit_key);
    const outcome = await postJson(
      endpoint.url,
      body,
      { 'ShortStop-Signature': signatureHeader(endpoint.secret, body, Math.floor(now.getTime() / 1000)), 'ShortStop-Delivery-Id': head.id },
      { timeoutMs: this.config.timeoutMs, allowPrivate: this.config.allowPrivateAddresses },
    );
    const attempts = head.attempts + 1;
    if (outcome.ok) {
      await sql(
        tx.em,
        `UPDATE webhook_delivery SET status = 'DELIVERED', attempts = $2, last_attempt_at = $3, response_status = $4, next_attempt_at = NULL WHERE id = $1`,
        [head.id, attempts, now, outcome.status],
      );
      await sql(tx.em, `UPDATE webhook_endpoint SET last_delivery_at = $2, last_error = NULL WHERE id = $1`, [endpointId, now]);
      return { kind: 'delivered' };
    }
    const firstFailed = head.first_failed_at ? new Date(head.first_failed_at) : now;
    const error = (outcome.error ?? 'failed').slice(0, 500);
    if (now.getTime() - firstFailed.getTime() >= this.config.failureWindowMs) {
      await sql(
        tx.em,
        `UPDATE webhook_delivery SET status = 'FAILED', attempts = $2, last_attempt_at = $3, response_status = $4, first_failed_at = $5, next_attempt_at = NULL WHERE id = $1`,
        [head.id, attempts, now, outcome.status, firstFailed],
      );
      await sql(tx.em, `UPDATE webhook_endpoint SET active = false, last_error = $2 WHERE id = $1`, [endpointId, error]);
      raiseAlerts(tx, [{
        organizationId,
        type: AlertType.WEBHOOK_ENDPOINT_DEACTIVATED,
        webhookEndpointId: endpointId,
        message: `Webhook endpoint ${endpoint.url} was deactivated: deliveries failed for ${failingFor(this.config.failureWindowMs)} (last error: ${error}). Fix the receiver, then replayWebhookDeliveries to resume.`,
      }]);
      return { kind: 'failed', next: null };
    }
    const delay = Math.min(this.config.maxRetryMs, this.config.retryBaseMs * 2 ** Math.min(30, attempts - 1));
    const next = new Date(now.getTime() + delay);
    await sql(
      tx.em,
      `UPDATE webhook_delivery SET attempts = $2, last_attempt_at = $3, response_status = $4, first_failed_at = $5, next_attempt_at = $6 WHERE id = $1`,
      [head.id, attempts, now, outcome.status, firstFailed, next],
    );
    await sql(tx.em, `UPDATE webhook_endpoint SET last_error = $2 WHERE id = $1`, [endpointId, error]);
    return { kind: 'failed', next };
  }
}

/** A failure window as the deactivation message says it: hours (24 h), or minutes under an hour (15 min). */
export function failingFor(ms: number): string {
  return ms >= 3_600_000 ? `${Math.round((ms / 3_600_000) * 10) / 10} h` : `${Math.max(1, Math.round(ms / 60_000))} min`;
}

/**
 * The queue keeps at most one waiting job per key (JobDefinition.oneWaitingPer):
 * one per endpoint, one per endpoint's scheduled retry (so a job queued now
 * never waits behind a retry an hour away), and one sweep.
 */
export function webhookJobKey(data: object): string | undefined {
  const { endpointId, retry } = data as { endpointId?: unknown; retry?: unknown };
  if (typeof endpointId !== 'string') return undefined;
  return retry ? `${endpointId}:retry` : endpointId;
}

/** The job of the webhooks queue: `{endpointId}` delivers for that endpoint; anything else (the cron, a wake) sweeps. */
export function runWebhookJob(deps: JobDeps, data: object): Promise<Record<string, number>> {
  const endpointId = (data as { endpointId?: unknown }).endpointId;
  return typeof endpointId === 'string' ? deps.services.webhooks.deliver(deps, endpointId) : deps.services.webhooks.sweep(deps);
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Webhook endpoints and their deliveries. */
    webhooks: WebhookService;
  }
}
