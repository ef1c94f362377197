import type { Request, Response } from 'express';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Orm } from '../db/orm';
import type { Services } from './services';
import type { JobQueue } from './job-queue';
import { WEBHOOK_QUEUE } from '../modules/webhooks/webhook.service';

/** Error codes counted under their own label; anything else counts as OTHER (labels stay a small, fixed set). */
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT', 'BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL_SERVER_ERROR',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE',
]);
const MAX_OPERATION_LABEL = 64;

/**
 * What a request is, as a metric label: its type and first root field
 * (`query purchaseOrders`, `mutation confirmPurchaseOrderLine`). Root fields
 * come from the schema, so the label has a bounded number of values, unlike
 * the operation name a client chooses. `unparsed` when the document did not
 * parse or name an operation.
 */
export function operationLabel(operation: OperationDefinitionNode | undefined): string {
  const first = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  if (!operation || !first || first.kind !== Kind.FIELD) return 'unparsed';
  return `${operation.operation} ${first.name.value}`.slice(0, MAX_OPERATION_LABEL);
}

/**
 * The Prometheus metrics of one instance (prom-client), served at /metrics:
 * GraphQL request durations by operation (`shortstop_graphql_request_duration_seconds`),
 * errors by code (`shortstop_graphql_errors_total`), alert subscriptions open
 * on this instance, how long after it was written an alert reached this
 * instance's subscribers (`shortstop_alert_delivery_lag_seconds`), how many
 * single confirmations group commit wrote per batch
 * (`shortstop_confirmation_batch_size`), database pool use, and Node's own
 * (event loop lag, heap, GC).
 */
export function createMetrics(orm: Orm, services: Services, jobs?: () => Pick<JobQueue, 'depth'> | undefined) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'shortstop_graphql_request_duration_seconds',
    help: 'GraphQL operations over HTTP and WebSocket, from the request to the response (a subscription: until it started), by operation type and first root field',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'shortstop_graphql_errors_total',
    help: 'GraphQL errors answered over HTTP and WebSocket, requests refused before an operation started (CSRF, malformed body) included, by code (extensions.code)',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'shortstop_alert_subscriptions',
    help: 'alert subscriptions (graphql-ws) open on this instance',
    registers: [registry],
    collect() {
      this.set(services.alertBus.subscriberCount);
    },
  });
  const lag = new Histogram({
    name: 'shortstop_alert_delivery_lag_seconds',
    help: "from an alert's write (its createdAt) to this instance picking it up for its subscribers",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  services.alertBus.deliveryListeners.add((alerts) => {
    const now = Date.now();
    for (const alert of alerts) lag.observe(Math.max(0, now - Date.parse(alert.createdAt)) / 1000);
  });
  const batches = new Histogram({
    name: 'shortstop_confirmation_batch_size',
    help: 'single confirmations written together by group commit, per committed batch (1: a confirmation that found no other of its caller to go with)',
    buckets: [1, 2, 4, 8, 16, 32],
    registers: [registry],
  });
  services.purchaseOrderLines.confirmationBatchListeners.add((written) => batches.observe(written));
  new Gauge({
    name: 'shortstop_webhook_queue_depth',
    help: 'webhook jobs waiting on the job queue (all instances: queued or waiting for a retry)',
    registers: [registry],
    async collect() {
      const queue = jobs?.();
      if (queue) this.set(await queue.depth(WEBHOOK_QUEUE).catch(() => 0));
    },
  });
  const pool = () => (orm.em.getConnection().getKnex().client as { pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number } }).pool;
  new Gauge({
    name: 'shortstop_db_pool_connections',
    help: 'connections of the main database pool, by state (used, free, pending: requests waiting for one)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const p = pool();
      if (!p) return;
      this.set({ state: 'used' }, p.numUsed());
      this.set({ state: 'free' }, p.numFree());
      this.set({ state: 'pending' }, p.numPendingAcquires());
    },
  });

  /** What every GraphQL operation adds, HTTP or WebSocket (request-log.ts operationRecorder). */
  const operations = {
    observe: (operation: string, seconds: number) => duration.observe({ operation }, seconds),
    countErrors: (codes: string[]) => {
      for (const code of codes) errors.inc({ code: KNOWN_CODES.has(code) ? code : 'OTHER' });
    },
  };

  const handler = async (_req: Request, res: Response) => {
    res.set('content-type', registry.contentType);
    res.send(await registry.metrics());
  };
  return { registry, operations, handler };
}
