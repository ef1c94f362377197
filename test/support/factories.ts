import { randomBytes } from 'node:crypto';
import { systemActor } from '../../src/core/caller';
import { createContext, type AuthedContext } from '../../src/core/context';
import { OrganizationKind as Kind } from '../../src/core/tenancy.enums';
import { beginRequest } from '../../src/core/transaction';
import { createLogger } from '../../src/logger';
import { addDays, todayUtc } from '../../src/shared/calendar';
import {
  AcceptPartnershipDocument,
  ConfirmPurchaseOrderLineDocument,
  CreatePurchaseOrderDocument,
  CreateItemDocument,
  CreateLocationDocument,
  CreateUserDocument,
  InvitePartnerDocument,
  LoginDocument,
  SignUpDocument,
  UpsertSourcingRuleDocument,
  type CreateItemInput,
  type CreateLocationInput,
  type OrganizationKind,
  type PurchaseOrderLineInput,
  type Role,
  type UpsertSourcingRuleInput,
} from '../../src/sdk/generated/graphql';
import type { TestServer } from './server';

export const PASSWORD = 'correct horse battery';

let sequence = 0;
/** Unique within the run, readable in failures. */
export const unique = (prefix: string) => `${prefix}-${++sequence}-${randomBytes(3).toString('hex')}`;

export interface Account {
  token: string;
  email: string;
  userId: string;
  orgId: string;
  orgName: string;
}

export async function signUp(server: TestServer, kind: OrganizationKind, name = unique(kind === 'RETAILER' ? 'Retailer' : 'Supplier')): Promise<Account> {
  const email = `${unique('admin')}@example.test`.toLowerCase();
  const { signUp: result } = await server.ok(SignUpDocument, { input: { organizationName: name, kind, email, password: PASSWORD } });
  return { token: result.token, email, userId: result.user.id, orgId: result.user.organization.id, orgName: name };
}

/** A user with the given role in the admin's organization, signed in. */
export async function addUser(server: TestServer, admin: Account, role: Role): Promise<Account> {
  const email = `${unique(role.toLowerCase())}@example.test`.toLowerCase();
  const { createUser } = await server.ok(CreateUserDocument, { input: { email, password: PASSWORD, role } }, admin.token);
  const { login } = await server.ok(LoginDocument, { email, password: PASSWORD });
  return { token: login.token, email, userId: createUser.id, orgId: admin.orgId, orgName: admin.orgName };
}

/** Invites and accepts: the two organizations end ACTIVE partners. Returns the partnership id. */
export async function partner(server: TestServer, retailer: Account, supplier: Account): Promise<string> {
  const { invitePartner } = await server.ok(InvitePartnerDocument, { input: { supplierId: supplier.orgId } }, retailer.token);
  await server.ok(AcceptPartnershipDocument, { id: invitePartner.id }, supplier.token);
  return invitePartner.id;
}

export async function createItem(server: TestServer, token: string, input: Partial<CreateItemInput> = {}) {
  const { createItem: item } = await server.ok(
    CreateItemDocument,
    { input: { sku: unique('SKU'), name: 'Test item', unitPrice: '9.99', ...input } },
    token,
  );
  return item;
}

export async function createLocation(server: TestServer, token: string, input: Partial<CreateLocationInput> = {}) {
  const { createLocation: location } = await server.ok(CreateLocationDocument, { input: { code: unique('LOC'), name: 'Test location', ...input } }, token);
  return location;
}

export async function sourcingRule(server: TestServer, token: string, input: Pick<UpsertSourcingRuleInput, 'itemId' | 'supplierId'> & Partial<UpsertSourcingRuleInput>) {
  const { upsertSourcingRule } = await server.ok(
    UpsertSourcingRuleDocument,
    { input: { priority: 1, quotedLeadTimeDays: 7, unitCost: '4.50', ...input } },
    token,
  );
  return upsertSourcingRule;
}

/** A retailer with one active supplier, an item, a location and a sourcing rule between them. */
export async function tradingPair(server: TestServer) {
  const retailer = await signUp(server, 'RETAILER');
  const supplier = await signUp(server, 'SUPPLIER');
  const partnershipId = await partner(server, retailer, supplier);
  const item = await createItem(server, retailer.token);
  const location = await createLocation(server, retailer.token);
  const rule = await sourcingRule(server, retailer.token, { itemId: item.id, supplierId: supplier.orgId });
  return { retailer, supplier, partnershipId, item, location, rule };
}

/** Asserts a GraphQL error code (and optionally field) and returns the error. */
export function expectError(result: { errors?: { message: string; extensions?: { code?: string; field?: string } }[]; data?: unknown }, code: string, field?: string) {
  expect(result.errors?.length).toBeGreaterThan(0);
  const [error] = result.errors!;
  expect(error.extensions?.code).toBe(code);
  if (field !== undefined) expect(error.extensions?.field).toBe(field);
  return error;
}

/** A date relative to today (UTC), as the API takes it. */
export const inDays = (days: number) => addDays(todayUtc(), days);

/** Creates (and by default issues) an order from the pair's retailer to its supplier. */
export async function createOrder(
  server: TestServer,
  pair: { retailer: Account; supplier: Account; item: { id: string }; location: { id: string } },
  lines: Partial<PurchaseOrderLineInput>[] = [{}],
  issue = true,
) {
  const { createPurchaseOrder } = await server.ok(
    CreatePurchaseOrderDocument,
    {
      input: {
        supplierId: pair.supplier.orgId,
        shipToId: pair.location.id,
        issue,
        lines: lines.map((line) => ({ itemId: pair.item.id, quantity: 100, requestedDate: inDays(10), ...line })),
      },
    },
    pair.retailer.token,
  );
  return createPurchaseOrder;
}

export async function confirmLine(server: TestServer, supplier: Account, lineId: string, schedule: { quantity: number; deliveryDate: string }[]) {
  const { confirmPurchaseOrderLine } = await server.ok(ConfirmPurchaseOrderLineDocument, { input: { lineId, schedule } }, supplier.token);
  return confirmPurchaseOrderLine;
}

/** Alert rows for an organization, oldest first (the outbox as stored). */
export async function alertsOf(server: TestServer, organizationId: string) {
  return server.query<{ type: string; message: string; cursor: string; purchase_order_id: string | null; purchase_order_line_id: string | null }>(
    'SELECT type, message, cursor, purchase_order_id, purchase_order_line_id FROM alert WHERE organization_id = $1 ORDER BY cursor',
    [organizationId],
  );
}

/** A supplier partnered with two retailers, and what each retailer shares with it. */
export interface SupplierOfTwo {
  supplier: Account;
  retailers: { retailer: Account; item: { id: string }; location: { id: string }; orderIds: string[] }[];
}

/**
 * A supplier of two retailers: each retailer has one item it sources from the
 * supplier at one location, and three orders of it, confirmed as requested:
 * 10, 20 and 30 units on days 3, 4 and 5 (acting-for tests' world).
 */
export async function supplierOfTwoRetailers(server: TestServer): Promise<SupplierOfTwo> {
  const supplier = await signUp(server, 'SUPPLIER');
  const retailers: SupplierOfTwo['retailers'] = [];
  for (let r = 0; r < 2; r++) {
    const retailer = await signUp(server, 'RETAILER');
    await partner(server, retailer, supplier);
    const item = await createItem(server, retailer.token);
    const location = await createLocation(server, retailer.token);
    await sourcingRule(server, retailer.token, { itemId: item.id, supplierId: supplier.orgId });
    const orderIds: string[] = [];
    for (let o = 0; o < 3; o++) {
      const order = await createOrder(server, { retailer, supplier, item, location }, [{ quantity: 10 * (o + 1), requestedDate: inDays(3 + o) }]);
      await confirmLine(server, supplier, order.lines[0].id, [{ quantity: 10 * (o + 1), deliveryDate: inDays(3 + o) }]);
      orderIds.push(order.id);
    }
    retailers.push({ retailer, item, location, orderIds });
  }
  return { supplier, retailers };
}

/**
 * A supplier and a retailer, ACTIVE partners, and a request transaction of the supplier's begun in this process
 * (a query's when readOnly): for tests of the request transaction itself. End it with endRequest.
 */
export async function supplierRequest(server: TestServer, readOnly: boolean): Promise<{ ctx: AuthedContext; supplier: Account; retailer: Account }> {
  const supplier = await signUp(server, 'SUPPLIER');
  const retailer = await signUp(server, 'RETAILER');
  await partner(server, retailer, supplier);
  const caller = systemActor({ id: supplier.orgId, name: 'Supplier', kind: Kind.SUPPLIER }, 'test');
  const ctx = createContext({ em: server.orm.em, services: server.app.services, log: createLogger('silent') }, caller) as AuthedContext;
  await beginRequest(ctx, { readOnly });
  return { ctx, supplier, retailer };
}
