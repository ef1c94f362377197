import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isInputObjectType } from 'graphql';
import {
  ChangePurchaseOrderLineDocument,
  ConfirmPurchaseOrderLineDocument,
  ConfirmPurchaseOrderLinesDocument,
  CreateShipNoticeDocument,
  PortalAcknowledgeOrderDocument,
  ReceivePurchaseOrderLineDocument,
  ReceiveShipNoticeDocument,
  RejectPurchaseOrderLineDocument,
} from '../../src/sdk/generated/graphql';
import { createOrder, expectError, inDays, tradingPair } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Every idempotency key has 1 to 200 characters and is not only whitespace,
 * whichever mutation takes it: the rule lives where a key is claimed
 * (src/modules/tenancy/idempotency.ts), which every idempotent mutation
 * goes through. A blank key is refused with BAD_USER_INPUT on
 * input.idempotencyKey and nothing is written.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const BLANK = ['', '  ', '\t\n'];
const TESTED = ['acknowledgePurchaseOrder', 'changePurchaseOrderLine', 'confirmPurchaseOrderLine', 'confirmPurchaseOrderLines', 'createShipNotice', 'receivePurchaseOrderLine', 'receiveShipNotice', 'rejectPurchaseOrderLine'];

it('covers every mutation whose input takes an idempotencyKey (a new one must be added here)', () => {
  const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
  const withKey = Object.values(schema.getMutationType()!.getFields())
    .filter((field) => field.args.some((arg) => {
      const type = getNamedType(arg.type);
      return arg.name === 'idempotencyKey' || (isInputObjectType(type) && 'idempotencyKey' in type.getFields());
    }))
    .map((field) => field.name)
    .sort();
  expect(withKey).toEqual(TESTED);
});

it('refuses a blank idempotency key on each of them, writing nothing', async () => {
  const pair = await tradingPair(server);
  const order = await createOrder(server, pair, [{ quantity: 100, requestedDate: inDays(5) }, { quantity: 10, requestedDate: inDays(5) }]);
  const [lineId, otherLineId] = order.lines.map((l) => l.id);
  await server.ok(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule: [{ quantity: 100, deliveryDate: inDays(5) }] } }, pair.supplier.token);
  const { createShipNotice: asn } = await server.ok(CreateShipNoticeDocument, {
    input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(2), lines: [{ lineId, quantity: 50 }] },
  }, pair.supplier.token);
  const state = () => server.query(
    `SELECT (SELECT count(*)::int FROM idempotency_key WHERE organization_id = ANY($1::uuid[])) AS keys,
            (SELECT count(*)::int FROM ship_notice WHERE supplier_id = $2) AS notices,
            (SELECT count(*)::int FROM receipt r JOIN purchase_order_line l ON l.id = r.line_id WHERE l.purchase_order_id = $3) AS receipts,
            (SELECT count(*)::int FROM confirmation c JOIN purchase_order_line l ON l.id = c.line_id WHERE l.purchase_order_id = $3) AS confirmations,
            (SELECT version FROM purchase_order WHERE id = $3) AS version`,
    [[pair.retailer.orgId, pair.supplier.orgId], pair.supplier.orgId, order.id],
  );
  const before = await state();

  for (const key of BLANK) {
    const attempts = [
      ['confirmPurchaseOrderLine', await server.gql(ConfirmPurchaseOrderLineDocument, {
        input: { lineId: otherLineId, schedule: [{ quantity: 10, deliveryDate: inDays(5) }], idempotencyKey: key },
      }, pair.supplier.token)],
      ['confirmPurchaseOrderLines', await server.gql(ConfirmPurchaseOrderLinesDocument, {
        input: { lines: [{ lineId: otherLineId, schedule: [{ quantity: 10, deliveryDate: inDays(5) }] }], idempotencyKey: key },
      }, pair.supplier.token)],
      ['acknowledgePurchaseOrder', await server.gql(PortalAcknowledgeOrderDocument, { input: { purchaseOrderId: order.id, idempotencyKey: key } }, pair.supplier.token)],
      ['changePurchaseOrderLine', await server.gql(ChangePurchaseOrderLineDocument, { input: { lineId: otherLineId, quantity: 8, reason: 'less', idempotencyKey: key } }, pair.retailer.token)],
      ['rejectPurchaseOrderLine', await server.gql(RejectPurchaseOrderLineDocument, { input: { lineId: otherLineId, reason: 'No stock', idempotencyKey: key } }, pair.supplier.token)],
      ['createShipNotice', await server.gql(CreateShipNoticeDocument, {
        input: { shipToId: pair.location.id, shippedOn: inDays(0), expectedArrival: inDays(2), lines: [{ lineId, quantity: 10 }], idempotencyKey: key },
      }, pair.supplier.token)],
      ['receivePurchaseOrderLine', await server.gql(ReceivePurchaseOrderLineDocument, { input: { lineId, quantity: 5, idempotencyKey: key } }, pair.retailer.token)],
      ['receiveShipNotice', await server.gql(ReceiveShipNoticeDocument, { input: { shipNoticeId: asn.id, lines: [{ lineId, quantity: 5 }], idempotencyKey: key } }, pair.retailer.token)],
    ] as const;
    expect(attempts.map(([name]) => name).sort()).toEqual(TESTED);
    for (const [name, result] of attempts) {
      expect([name, expectError(result, 'BAD_USER_INPUT', 'input.idempotencyKey').message]).toEqual([name, 'An idempotency key has 1 to 200 characters, not only whitespace']);
    }
  }
  expect(await state()).toEqual(before);
});
