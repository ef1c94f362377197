import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CommitForecastDocument,
  CreateWebhookEndpointDocument,
  PublishForecastDocument,
  DeleteWebhookEndpointDocument,
  ReplayWebhookDeliveriesDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointsDocument,
} from '../../src/sdk/generated/graphql';
import { ManualClock } from '../../src/core/clock';
import { failingFor, WEBHOOK_QUEUE } from '../../src/modules/webhooks/webhook.service';
import { isRefusedAddress, postJson, urlProblem } from '../../src/modules/webhooks/webhook-http';
import { addUser, alertsOf, createOrder, expectError, inDays, tradingPair, type Account } from '../support/factories';
import { MAIN, spawnNode, type Spawned } from '../support/process';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Signed webhooks (DESIGN.md "Integrations without a socket"), through the
 * API and the job queue, against a receiver on 127.0.0.1 that answers 200,
 * 500 or nothing. Retry times are read from the server's clock, which the
 * test moves (backoff 5 s doubling, 24 h window: the defaults).
 */

interface Received {
  body: string;
  headers: IncomingHttpHeaders;
  answered: number | null;
}

/** A webhook receiver: `mode` decides each answer (ok: 200, fail: 500, hang: never). */
class Receiver {
  mode: 'ok' | 'fail' | 'hang' = 'ok';
  readonly received: Received[] = [];
  private server: Server | null = null;
  url = '';
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const entry: Received = { body, headers: req.headers, answered: null };
        this.received.push(entry);
        if (this.mode === 'hang') return;
        entry.answered = this.mode === 'ok' ? 200 : 500;
        res.writeHead(entry.answered).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }
  /** The alert cursors answered 200, in the order they arrived. */
  delivered(): string[] {
    return this.received.filter((r) => r.answered === 200).map((r) => (JSON.parse(r.body) as { cursor: string }).cursor);
  }
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** The README's verification, as a receiver would write it. */
function verify(secret: string, header: string, rawBody: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest('hex');
  return parts.v1.length === expected.length && timingSafeEqual(Buffer.from(parts.v1), Buffer.from(expected));
}

let server: TestServer;
let receiver: Receiver;
const clock = new ManualClock();
beforeAll(async () => {
  server = await startTestServer({ WEBHOOK_TIMEOUT_MS: '400' }, undefined, { clock });
});
afterAll(() => server.close());
beforeEach(async () => {
  clock.set(new Date());
  receiver = new Receiver();
  await receiver.start();
});
afterEach(() => receiver.stop());

async function endpointFor(admin: Account, url = receiver.url, types: string[] | null = null) {
  const { createWebhookEndpoint } = await server.ok(CreateWebhookEndpointDocument, { input: { url, types: types as never } }, admin.token);
  return createWebhookEndpoint;
}

/** Runs the endpoint's delivery job through the queue (any instance may take it) and expects it completed. */
async function deliver(endpointId: string, on: TestServer = server) {
  const outcome = await on.app.jobs.runNow(WEBHOOK_QUEUE, 30_000, { endpointId });
  expect(outcome).toMatchObject({ state: 'completed' });
  return outcome!.output as { delivered: number; failed: number };
}

async function deliveries(admin: Account, endpointId: string, status?: 'PENDING' | 'DELIVERED' | 'FAILED', after?: string) {
  const { webhookDeliveries } = await server.ok(WebhookDeliveriesDocument, { endpointId, status, first: 100, after }, admin.token);
  return webhookDeliveries;
}

async function supplierCursors(orgId: string, types?: string[]) {
  return (await alertsOf(server, orgId)).filter((a) => !types || types.includes(a.type)).map((a) => a.cursor);
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('endpoints and signed delivery', () => {
  it('POSTs each alert of the organization after the endpoint was made, in cursor order, signed with the secret shown once', async () => {
    const pair = await tradingPair(server);
    await createOrder(server, pair); // before the endpoint: not delivered
    const before = await supplierCursors(pair.supplier.orgId);
    const { endpoint, secret } = await endpointFor(pair.supplier);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({ url: receiver.url, types: null, active: true, lastDeliveryAt: null, lastError: null });
    await createOrder(server, pair);
    await createOrder(server, pair);
    const expected = (await supplierCursors(pair.supplier.orgId)).slice(before.length);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    await deliver(endpoint.id);
    await until(() => receiver.delivered().length >= expected.length);
    expect(receiver.delivered()).toEqual(expected);

    const alerts = await alertsOf(server, pair.supplier.orgId);
    const log = await deliveries(pair.supplier, endpoint.id);
    expect(log.totalCount).toBe(expected.length);
    expect(log.edges.map((e) => [e.node.alert.cursor, e.node.status, e.node.attempts, e.node.responseStatus])).toEqual(
      expected.map((cursor) => [cursor, 'DELIVERED', 1, 200]),
    );
    for (const [i, r] of receiver.received.entries()) {
      const body = JSON.parse(r.body) as Record<string, unknown>;
      const alert = alerts.find((a) => a.cursor === expected[i])!;
      expect(Object.keys(body)).toEqual(['id', 'cursor', 'type', 'createdAt', 'message', 'data']);
      expect(body).toMatchObject({ id: log.edges[i].node.alert.id, cursor: expected[i], type: alert.type, message: alert.message });
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['shortstop-delivery-id']).toBe(log.edges[i].node.id);
      const header = r.headers['shortstop-signature'] as string;
      expect(header).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
      expect(Number(/t=(\d+)/.exec(header)![1])).toBe(Math.floor(clock.now().getTime() / 1000));
      expect(verify(secret, header, r.body)).toBe(true);
      expect(verify(secret, header, r.body.replace('"cursor"', '"cursor" '))).toBe(false);
      expect(verify('whsec_other', header, r.body)).toBe(false);
    }
    const [listed] = (await server.ok(WebhookEndpointsDocument, {}, pair.supplier.token)).webhookEndpoints;
    expect(listed).toMatchObject({ id: endpoint.id, active: true, lastError: null });
    expect(listed.lastDeliveryAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it('delivers only the endpoint\'s types; ADMIN in person only; bad URLs refused; delete removes it', async () => {
    const pair = await tradingPair(server);
    // Orders are issued by the retailer: the supplier is told (PURCHASE_ORDER_ISSUED), so the supplier's ADMIN registers endpoints below.
    const buyer = await addUser(server, pair.retailer, 'BUYER' as never);
    expectError(await server.gql(CreateWebhookEndpointDocument, { input: { url: receiver.url } }, buyer.token), 'FORBIDDEN');
    expectError(await server.gql(WebhookEndpointsDocument, {}, buyer.token), 'FORBIDDEN');
    expectError(await server.gql(CreateWebhookEndpointDocument, { input: { url: 'ftp://example.com/x' } }, pair.supplier.token), 'BAD_USER_INPUT', 'input.url');
    expectError(await server.gql(CreateWebhookEndpointDocument, { input: { url: 'not a url' } }, pair.supplier.token), 'BAD_USER_INPUT', 'input.url');
    const { endpoint } = await endpointFor(pair.supplier, receiver.url, ['SUPPLIER_SLIPPED']);
    await createOrder(server, pair);
    await deliver(endpoint.id);
    expect(receiver.received).toEqual([]);
    expect((await deliveries(pair.supplier, endpoint.id)).totalCount).toBe(0);
    // Another organization's ADMIN sees nothing of it.
    expectError(await server.gql(WebhookDeliveriesDocument, { endpointId: endpoint.id }, pair.retailer.token), 'NOT_FOUND', 'endpointId');
    expectError(await server.gql(DeleteWebhookEndpointDocument, { id: endpoint.id }, pair.retailer.token), 'NOT_FOUND', 'id');
    expectError(await server.gql(WebhookDeliveriesDocument, { endpointId: 'not-a-uuid' }, pair.supplier.token), 'NOT_FOUND', 'endpointId');
    expectError(await server.gql(ReplayWebhookDeliveriesDocument, { endpointId: endpoint.id, after: '0' }, pair.retailer.token), 'NOT_FOUND', 'endpointId');
    expect((await server.ok(WebhookEndpointsDocument, {}, pair.retailer.token)).webhookEndpoints).toEqual([]);
    const { deleteWebhookEndpoint } = await server.ok(DeleteWebhookEndpointDocument, { id: endpoint.id }, pair.supplier.token);
    expect(deleteWebhookEndpoint.id).toBe(endpoint.id);
    expect((await server.ok(WebhookEndpointsDocument, {}, pair.supplier.token)).webhookEndpoints).toEqual([]);
  });

  it('links a forecast commit exception by ForecastCommit.id, the id Query.node takes', async () => {
    const pair = await tradingPair(server);
    const { endpoint } = await endpointFor(pair.supplier, receiver.url, ['FORECAST_COMMIT_EXCEPTION']);
    const line = { itemId: pair.item.id, locationId: pair.location.id, periodStart: inDays(3) };
    await server.ok(PublishForecastDocument, { input: { lines: [{ ...line, periodDays: 7, quantity: 100 }] } }, pair.retailer.token);
    const [commit] = (await server.ok(CommitForecastDocument, { input: { retailerId: pair.retailer.orgId, forecastVersion: 1, lines: [{ ...line, quantity: 50 }] } }, pair.supplier.token)).commitForecast;
    expect(commit.exception).toBe(true);
    await deliver(endpoint.id);
    await until(() => receiver.delivered().length >= 1);
    const body = JSON.parse(receiver.received[0].body) as { type: string; data: Record<string, string> };
    expect(body).toMatchObject({ type: 'FORECAST_COMMIT_EXCEPTION', data: { itemId: pair.item.id, locationId: pair.location.id, forecastCommitId: commit.id } });
  });
});

describe('retries, backoff and deactivation', () => {
  it('retries a failing delivery after 5 s, 10 s, 20 s... holding the ones behind it, then delivers in order when the receiver recovers', async () => {
    const pair = await tradingPair(server);
    const { endpoint } = await endpointFor(pair.supplier);
    receiver.mode = 'fail';
    await createOrder(server, pair);
    await createOrder(server, pair);
    const expected = await supplierCursors(pair.supplier.orgId);
    const first = await deliver(endpoint.id);
    // A sweep queued by the alerts' commit may have made the first attempt already; either way one failed attempt so far.
    await until(async () => (await deliveries(pair.supplier, endpoint.id, 'PENDING')).edges[0]?.node.attempts === 1);
    expect(first.delivered).toBe(0);
    let log = await deliveries(pair.supplier, endpoint.id);
    expect(log.edges.map((e) => [e.node.alert.cursor, e.node.status, e.node.attempts])).toEqual(expected.map((c, i) => [c, 'PENDING', i === 0 ? 1 : 0]));
    const head = log.edges[0].node;
    expect(head.responseStatus).toBe(500);
    expect(Date.parse(head.nextAttemptAt!) - Date.parse(head.lastAttemptAt!)).toBe(5_000);
    const attemptsSoFar = receiver.received.length;

    // Not yet due: nothing sent.
    clock.set(new Date(clock.now().getTime() + 4_000));
    await deliver(endpoint.id);
    expect(receiver.received.length).toBe(attemptsSoFar);
    // Due: the second attempt fails too, next one 10 s later.
    clock.set(new Date(clock.now().getTime() + 1_000));
    await deliver(endpoint.id);
    log = await deliveries(pair.supplier, endpoint.id);
    expect(log.edges[0].node.attempts).toBe(2);
    expect(Date.parse(log.edges[0].node.nextAttemptAt!) - Date.parse(log.edges[0].node.lastAttemptAt!)).toBe(10_000);
    expect([...new Set(receiver.received.map((r) => (JSON.parse(r.body) as { cursor: string }).cursor))]).toEqual([expected[0]]);
    expect((await server.ok(WebhookEndpointsDocument, {}, pair.supplier.token)).webhookEndpoints[0].lastError).toBe('HTTP 500');

    receiver.mode = 'ok';
    clock.set(new Date(clock.now().getTime() + 10_000));
    await deliver(endpoint.id);
    await until(() => receiver.delivered().length === expected.length);
    expect(receiver.delivered()).toEqual(expected);
    log = await deliveries(pair.supplier, endpoint.id);
    expect(log.edges.map((e) => [e.node.status, e.node.attempts])).toEqual(expected.map((_, i) => ['DELIVERED', i === 0 ? 3 : 1]));
    // Every attempt of one alert carries the same delivery id.
    expect(new Set(receiver.received.filter((r) => r.body.includes(`"cursor":"${expected[0]}"`)).map((r) => r.headers['shortstop-delivery-id'])).size).toBe(1);
  });

  it('counts a receiver that does not answer within the timeout as a failure', async () => {
    const pair = await tradingPair(server);
    const { endpoint } = await endpointFor(pair.supplier);
    receiver.mode = 'hang';
    await createOrder(server, pair);
    await deliver(endpoint.id);
    await until(async () => (await deliveries(pair.supplier, endpoint.id, 'PENDING')).edges[0]?.node.attempts === 1);
    const [edge] = (await deliveries(pair.supplier, endpoint.id)).edges;
    expect(edge.node).toMatchObject({ status: 'PENDING', attempts: 1, responseStatus: null });
    expect((await server.ok(WebhookEndpointsDocument, {}, pair.supplier.token)).webhookEndpoints[0].lastError).toBe('no response within 400 ms');
  });

  it('deactivates the endpoint after 24 hours of failures and tells the organization; replay after a cursor turns it on and re-sends in order', async () => {
    const pair = await tradingPair(server);
    const { endpoint } = await endpointFor(pair.supplier);
    receiver.mode = 'fail';
    await createOrder(server, pair);
    await createOrder(server, pair);
    const cursors = await supplierCursors(pair.supplier.orgId);
    await deliver(endpoint.id);
    await until(async () => (await deliveries(pair.supplier, endpoint.id, 'PENDING')).edges[0]?.node.attempts === 1);
    // Backoff caps at 1 h: 23 h 59 min later still retrying.
    clock.advance({ hours: 23, minutes: 59 });
    await deliver(endpoint.id);
    let [listed] = (await server.ok(WebhookEndpointsDocument, {}, pair.supplier.token)).webhookEndpoints;
    expect(listed.active).toBe(true);
    const next = (await deliveries(pair.supplier, endpoint.id)).edges[0].node;
    expect(Date.parse(next.nextAttemptAt!) - Date.parse(next.lastAttemptAt!)).toBe(Math.min(3_600_000, 5_000 * 2 ** (next.attempts - 1)));
    clock.advance({ hours: 1 });
    await deliver(endpoint.id);
    [listed] = (await server.ok(WebhookEndpointsDocument, {}, pair.supplier.token)).webhookEndpoints;
    expect(listed).toMatchObject({ active: false, lastError: 'HTTP 500' });
    const log = await deliveries(pair.supplier, endpoint.id);
    expect(log.edges.map((e) => e.node.status)).toEqual(['FAILED', ...cursors.slice(1).map(() => 'PENDING')]);
    const alerts = await alertsOf(server, pair.supplier.orgId);
    const deactivated = alerts.filter((a) => a.type === 'WEBHOOK_ENDPOINT_DEACTIVATED');
    expect(deactivated.map((a) => a.message)).toEqual([
      `Webhook endpoint ${receiver.url} was deactivated: deliveries failed for 24 h (last error: HTTP 500). Fix the receiver, then replayWebhookDeliveries to resume.`,
    ]);
    // Inactive: nothing more is sent.
    const sent = receiver.received.length;
    clock.advance({ hours: 2 });
    await deliver(endpoint.id);
    expect(receiver.received.length).toBe(sent);

    // Replay after the first alert: the second one on (the deactivation alert included), in order.
    receiver.mode = 'ok';
    const { replayWebhookDeliveries } = await server.ok(ReplayWebhookDeliveriesDocument, { endpointId: endpoint.id, after: cursors[0] }, pair.supplier.token);
    const all = await supplierCursors(pair.supplier.orgId);
    expect(replayWebhookDeliveries).toBe(all.length - 1);
    await deliver(endpoint.id);
    await until(() => receiver.delivered().length === all.length - 1);
    expect(receiver.delivered()).toEqual(all.slice(1));
    // The deactivation alert names the endpoint (data.webhookEndpointId, as Alert.webhookEndpointId).
    const told = receiver.received.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, string> }).find((b) => b.type === 'WEBHOOK_ENDPOINT_DEACTIVATED');
    expect(told?.data).toEqual({ webhookEndpointId: endpoint.id });
    const [row] = await server.query<{ webhook_endpoint_id: string }>(`SELECT webhook_endpoint_id FROM alert WHERE organization_id = $1 AND type = $2`, [pair.supplier.orgId, 'WEBHOOK_ENDPOINT_DEACTIVATED']);
    expect(row.webhook_endpoint_id).toBe(endpoint.id);
    expect((await server.ok(WebhookEndpointsDocument, {}, pair.supplier.token)).webhookEndpoints[0]).toMatchObject({ active: true, lastError: null });
    // The first alert stays FAILED in the log; replay after "0" would take it too.
    expect((await deliveries(pair.supplier, endpoint.id, 'FAILED')).edges.map((e) => e.node.alert.cursor)).toEqual([cursors[0]]);
    expect((await server.ok(ReplayWebhookDeliveriesDocument, { endpointId: endpoint.id, after: '0' }, pair.supplier.token)).replayWebhookDeliveries).toBe(all.length);
    await deliver(endpoint.id);
    await until(() => receiver.delivered().length === all.length - 1 + all.length);
    expect(receiver.delivered().slice(all.length - 1)).toEqual(all);
    expectError(await server.gql(ReplayWebhookDeliveriesDocument, { endpointId: endpoint.id, after: 'x' }, pair.supplier.token), 'BAD_USER_INPUT', 'after');
  });
});

describe('metrics', () => {
  it('shortstop_webhook_queue_depth counts the webhook jobs waiting (a failed delivery\'s retry is one)', async () => {
    const depth = async () => {
      const text = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
      const line = text.split('\n').find((l) => l.startsWith('shortstop_webhook_queue_depth '));
      return line ? Number(line.split(' ').pop()) : NaN;
    };
    const pair = await tradingPair(server);
    const { endpoint } = await endpointFor(pair.supplier);
    receiver.mode = 'fail';
    await createOrder(server, pair);
    await deliver(endpoint.id);
    await until(async () => (await deliveries(pair.supplier, endpoint.id, 'PENDING')).edges[0]?.node.attempts === 1);
    const queued = await server.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'webhooks' AND state < 'active'`);
    expect(Number(queued[0].n)).toBeGreaterThanOrEqual(1);
    expect(await depth()).toBeGreaterThanOrEqual(1);
    // Runs while the retry is not due (the minute's sweep, say) queue nothing more: waiting jobs do not pile up.
    const waiting = async () =>
      Number((await server.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'webhooks' AND state < 'active' AND data->>'endpointId' = $1`, [endpoint.id]))[0].n);
    // The retry, and perhaps the job the commit's sweep queued before the failed run took over (it finds nothing due).
    const before = await waiting();
    expect(before).toBeGreaterThanOrEqual(1);
    expect(before).toBeLessThanOrEqual(2);
    await deliver(endpoint.id);
    await deliver(endpoint.id);
    expect(await waiting()).toBeLessThanOrEqual(before);
  });
});

describe('input', () => {
  it('refuses an empty list of types (BAD_USER_INPUT on input.types) and writes nothing; the deactivation message says minutes under an hour', async () => {
    const pair = await tradingPair(server);
    expectError(await server.gql(CreateWebhookEndpointDocument, { input: { url: receiver.url, types: [] } }, pair.supplier.token), 'BAD_USER_INPUT', 'input.types');
    expect((await server.ok(WebhookEndpointsDocument, {}, pair.supplier.token)).webhookEndpoints).toEqual([]);
    expect(failingFor(24 * 3_600_000)).toBe('24 h');
    expect(failingFor(15 * 60_000)).toBe('15 min');
    expect(failingFor(90 * 60_000)).toBe('1.5 h');
  });
});

describe('steady load', () => {
  it('keeps at most one waiting job per endpoint while alerts arrive faster than one per 2 s; every receiver gets every alert once, in cursor order', async () => {
    const pair = await tradingPair(server);
    const receivers = [receiver, new Receiver(), new Receiver()];
    for (const r of receivers.slice(1)) await r.start();
    try {
      const endpoints = [];
      for (const r of receivers) endpoints.push((await endpointFor(pair.supplier, r.url)).endpoint);
      // An endpoint whose types exclude every alert below: never work, so never a job.
      const filtered = (await endpointFor(pair.supplier, receiver.url, ['SUPPLIER_SLIPPED'])).endpoint;
      // Another organization's endpoint failing, waiting out its backoff: no job per sweep.
      const other = await tradingPair(server);
      const failing = new Receiver();
      await failing.start();
      failing.mode = 'fail';
      const broken = (await endpointFor(other.supplier, failing.url)).endpoint;
      await createOrder(server, other);
      await until(async () => (await deliveries(other.supplier, broken.id, 'PENDING')).edges[0]?.node.attempts === 1);
      const jobsOf = async (endpointId: string) =>
        Number((await server.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'webhooks' AND data->>'endpointId' = $1`, [endpointId]))[0].n);
      // Jobs a sweep (or a run with more work) queued for an endpoint: not its own retries, which its failed runs queue
      // as its backoff allows (on a slow run the broken endpoint's first retry comes due during the 25 commits).
      const sweptJobsOf = async (endpointId: string) =>
        Number((await server.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'webhooks' AND data->>'endpointId' = $1 AND data->>'retry' IS NULL`, [endpointId]))[0].n);
      const brokenJobsBefore = await sweptJobsOf(broken.id);

      // Jobs waiting for this test's endpoints, and sweeps (earlier tests' endpoints may still have retries queued).
      const ours = [...endpoints, filtered, broken].map((e) => e.id);
      const waiting = async () =>
        Number(
          (await server.query<{ n: string }>(
            `SELECT count(*) AS n FROM pgboss.job WHERE name = 'webhooks' AND state < 'active' AND (data->>'endpointId' IS NULL OR data->>'endpointId' = ANY($1::text[]))`,
            [ours],
          ))[0].n,
        );
      let deepest = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          deepest = Math.max(deepest, await waiting());
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      const before = (await supplierCursors(pair.supplier.orgId)).length;
      for (let n = 0; n < 25; n++) await createOrder(server, pair);
      const expected = (await supplierCursors(pair.supplier.orgId)).slice(before);
      expect(expected.length).toBeGreaterThanOrEqual(25);
      await until(() => receivers.every((r) => r.delivered().length >= expected.length), 30_000);
      sampling = false;
      await sampler;
      failing.mode = 'ok';
      await failing.stop();

      // Waiting jobs: at most one per endpoint with work (3), one sweep, and the broken endpoint's retry (queued once).
      expect(deepest).toBeGreaterThan(0);
      expect(deepest).toBeLessThanOrEqual(endpoints.length + 2);
      for (const r of receivers.slice(1)) expect(r.delivered()).toEqual(expected);
      expect(receiver.delivered()).toEqual(expected);
      expect(await jobsOf(filtered.id)).toBe(0);
      expect((await deliveries(pair.supplier, filtered.id)).totalCount).toBe(0);
      // The broken endpoint got no job from the sweeps of 25 commits (only its failed runs queue its retries).
      expect(await sweptJobsOf(broken.id)).toBe(brokenJobsBefore);
    } finally {
      for (const r of receivers.slice(1)) await r.stop();
    }
  });
});

describe('SSRF guard (production setting)', () => {
  it('refuses private, loopback and link-local addresses and plain http, before and after DNS resolution', async () => {
    expect(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.0.1'].filter((a) => !isRefusedAddress(a))).toEqual([]);
    expect(['93.184.216.34', '8.8.8.8', '2606:4700::1111'].filter(isRefusedAddress)).toEqual([]);
    expect(urlProblem('http://example.com/hook', false)).toBe('The URL must be https');
    expect(urlProblem('https://169.254.169.254/latest', false)).toBe('The URL may not point to a private, loopback or link-local address');
    expect(urlProblem('https://[::1]/x', false)).toBe('The URL may not point to a private, loopback or link-local address');
    expect(urlProblem('https://example.com/hook', false)).toBeNull();
    expect(urlProblem('http://127.0.0.1:9/hook', true)).toBeNull();
    // A name that resolves to loopback is refused when connecting (the address checked is the one connected to).
    const outcome = await postJson('https://localhost:9/hook', '{}', {}, { timeoutMs: 2_000, allowPrivate: false });
    expect(outcome).toMatchObject({ ok: false, status: null });
    expect(outcome.error).toMatch(/refused: localhost resolves to a private, loopback or link-local address/);
  });

  it('an instance with the production default refuses such an endpoint, and never posts to one made before', async () => {
    const pair = await tradingPair(server);
    const { endpoint } = await endpointFor(pair.supplier);
    await server.app.jobs.stop();
    const strict = await server.sibling({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' });
    try {
      expectError(await strict.gql(CreateWebhookEndpointDocument, { input: { url: receiver.url } }, pair.supplier.token), 'BAD_USER_INPUT', 'input.url');
      await createOrder(strict, pair);
      await deliver(endpoint.id, strict);
      expect(receiver.received).toEqual([]);
      const [listed] = (await strict.ok(WebhookEndpointsDocument, {}, pair.supplier.token)).webhookEndpoints;
      expect(listed.lastError).toBe('The URL must be https');
    } finally {
      await strict.close();
      await server.app.jobs.start({ schedule: false });
      server.app.services.webhooks.start(server.app.jobs);
    }
  });
});

describe('an instance killed mid-delivery', () => {
  it('loses nothing: another instance on the same database sends the unanswered delivery again, then the rest, in order', async () => {
    const pair = await tradingPair(server);
    const { endpoint } = await endpointFor(pair.supplier);
    // Only the spawned instances work the queue from here on.
    await server.app.jobs.stop();
    const env = { PORT: '0', DATABASE_URL: server.databaseUrl, DEMO_DATA: 'false', LOG_LEVEL: 'info', NODE_ENV: 'test', WEBHOOK_TIMEOUT_MS: '60000' };
    const spawned: Spawned[] = [];
    try {
      receiver.mode = 'hang';
      await createOrder(server, pair);
      await createOrder(server, pair);
      await createOrder(server, pair);
      const expected = await supplierCursors(pair.supplier.orgId);
      expect(expected).toHaveLength(3);
      const first = spawnNode([MAIN], env);
      spawned.push(first);
      await first.waitFor(/ShortStop is serving/, 60_000);
      // The first POST is in flight, unanswered: the instance dies now.
      await until(() => receiver.received.length === 1, 30_000);
      await first.stop('SIGKILL');
      // The attempt's transaction (with the deliveries it queued) died with the instance: nothing recorded as sent.
      expect((await deliveries(pair.supplier, endpoint.id)).edges.filter((e) => e.node.status !== 'PENDING' || e.node.attempts > 0)).toEqual([]);

      receiver.mode = 'ok';
      const second = spawnNode([MAIN], env);
      spawned.push(second);
      await second.waitFor(/ShortStop is serving/, 60_000);
      await until(() => receiver.delivered().length === expected.length, 60_000).catch(async (err) => {
        console.log(JSON.stringify(await server.query(`SELECT name, state, data, singleton_key, policy, start_after, created_on FROM pgboss.job WHERE name = 'webhooks' ORDER BY created_on`)), second.output().slice(-6000));
        throw err;
      });
      expect(receiver.delivered()).toEqual(expected);
      // At least once: the alert in flight at the kill was sent twice, with the same delivery id.
      const cursors = receiver.received.map((r) => (JSON.parse(r.body) as { cursor: string }).cursor);
      expect(cursors).toEqual([expected[0], ...expected]);
      expect(receiver.received[0].headers['shortstop-delivery-id']).toBe(receiver.received[1].headers['shortstop-delivery-id']);
      // The last delivery is recorded once its attempt's transaction commits, which may be just after the receiver has it.
      await until(async () => (await deliveries(pair.supplier, endpoint.id)).edges.every((e) => e.node.status === 'DELIVERED'), 10_000).catch(() => undefined);
      expect((await deliveries(pair.supplier, endpoint.id)).edges.map((e) => [e.node.alert.cursor, e.node.status, e.node.attempts])).toEqual(
        expected.map((cursor) => [cursor, 'DELIVERED', 1]),
      );
    } finally {
      for (const child of spawned) await child.stop('SIGKILL');
      await server.app.jobs.start({ schedule: false });
      server.app.services.webhooks.start(server.app.jobs);
    }
  }, 120_000);
});
