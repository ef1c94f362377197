import {
  AcceptPartnershipDocument,
  InvitePartnerDocument,
  LocationsDocument,
  PartnershipRulesDocument,
  PartnershipsDocument,
  SetCollaborationRulesDocument,
  SourcingRulesDocument,
  SuspendPartnershipDocument,
} from '../../src/sdk/generated/graphql';
import { addUser, createItem, createLocation, expectError, partner, signUp, sourcingRule } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('partnerships', () => {
  it('goes PENDING on invitation and ACTIVE when the supplier accepts; both sides list it', async () => {
    const retailer = await signUp(server, 'RETAILER', 'Corner Shop');
    const supplier = await signUp(server, 'SUPPLIER', 'Dairy Co');
    const { invitePartner } = await server.ok(InvitePartnerDocument, { input: { supplierId: supplier.orgId } }, retailer.token);
    expect(invitePartner).toMatchObject({ status: 'PENDING', retailer: { name: 'Corner Shop' }, supplier: { name: 'Dairy Co' } });

    // Inviting again is idempotent.
    const again = await server.ok(InvitePartnerDocument, { input: { supplierId: supplier.orgId } }, retailer.token);
    expect(again.invitePartner.id).toBe(invitePartner.id);

    const pending = await server.ok(PartnershipsDocument, {}, supplier.token);
    expect(pending.partnerships).toEqual([expect.objectContaining({ id: invitePartner.id, status: 'PENDING' })]);

    const { acceptPartnership } = await server.ok(AcceptPartnershipDocument, { id: invitePartner.id }, supplier.token);
    expect(acceptPartnership.status).toBe('ACTIVE');
    const [row] = await server.query<{ status: string; accepted_at: string | null }>('SELECT status, accepted_at FROM partnership WHERE id = $1', [invitePartner.id]);
    expect(row.status).toBe('ACTIVE');
    expect(row.accepted_at).not.toBeNull();
    expect((await server.ok(PartnershipsDocument, {}, retailer.token)).partnerships).toHaveLength(1);
  });

  it('lets only the right side and role act', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const supplier = await signUp(server, 'SUPPLIER');
    const rep = await addUser(server, supplier, 'SUPPLIER_REP');
    const buyer = await addUser(server, retailer, 'BUYER');
    const other = await signUp(server, 'SUPPLIER');

    expectError(await server.gql(InvitePartnerDocument, { input: { supplierId: retailer.orgId } }, supplier.token), 'FORBIDDEN');
    expectError(await server.gql(InvitePartnerDocument, { input: { supplierId: supplier.orgId } }, buyer.token), 'FORBIDDEN');
    // A retailer is not a supplier; an unknown id is not one either.
    const anotherRetailer = await signUp(server, 'RETAILER');
    expectError(await server.gql(InvitePartnerDocument, { input: { supplierId: anotherRetailer.orgId } }, retailer.token), 'NOT_FOUND', 'input.supplierId');
    expectError(await server.gql(InvitePartnerDocument, { input: { supplierId: 'nope' } }, retailer.token), 'BAD_USER_INPUT', 'input.supplierId');

    const { invitePartner } = await server.ok(InvitePartnerDocument, { input: { supplierId: supplier.orgId } }, retailer.token);
    expectError(await server.gql(AcceptPartnershipDocument, { id: invitePartner.id }, rep.token), 'FORBIDDEN');
    expectError(await server.gql(AcceptPartnershipDocument, { id: invitePartner.id }, other.token), 'NOT_FOUND');
    expectError(await server.gql(AcceptPartnershipDocument, { id: invitePartner.id }, retailer.token), 'FORBIDDEN');
    const [row] = await server.query<{ status: string }>('SELECT status FROM partnership WHERE id = $1', [invitePartner.id]);
    expect(row.status).toBe('PENDING');
  });

  it('shares data only while ACTIVE: suspension hides the retailer again', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const supplier = await signUp(server, 'SUPPLIER');
    const item = await createItem(server, retailer.token);
    await createLocation(server, retailer.token, { code: 'DC-1' });

    const { invitePartner } = await server.ok(InvitePartnerDocument, { input: { supplierId: supplier.orgId } }, retailer.token);
    expect((await server.ok(LocationsDocument, {}, supplier.token)).locations).toEqual([]);
    await server.ok(AcceptPartnershipDocument, { id: invitePartner.id }, supplier.token);
    await sourcingRule(server, retailer.token, { itemId: item.id, supplierId: supplier.orgId });
    expect((await server.ok(LocationsDocument, {}, supplier.token)).locations.map((l) => l.code)).toEqual(['DC-1']);
    expect((await server.ok(SourcingRulesDocument, {}, supplier.token)).sourcingRules).toHaveLength(1);

    const { suspendPartnership } = await server.ok(SuspendPartnershipDocument, { id: invitePartner.id }, retailer.token);
    expect(suspendPartnership.status).toBe('SUSPENDED');
    expect((await server.ok(LocationsDocument, {}, supplier.token)).locations).toEqual([]);
    expect((await server.ok(SourcingRulesDocument, {}, supplier.token)).sourcingRules).toEqual([]);
    // A suspended supplier cannot re-activate itself; a new invitation is needed.
    expectError(await server.gql(AcceptPartnershipDocument, { id: invitePartner.id }, supplier.token), 'BAD_USER_INPUT', 'id');
    await partner(server, retailer, supplier);
    expect((await server.ok(SourcingRulesDocument, {}, supplier.token)).sourcingRules).toHaveLength(1);
  });
});

describe('collaboration rules', () => {
  it('start at the defaults, are set by the retailer\'s ADMIN, and read by both sides', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const supplier = await signUp(server, 'SUPPLIER');
    const id = await partner(server, retailer, supplier);
    const rulesOf = async (token: string) => (await server.ok(PartnershipRulesDocument, {}, token)).partnerships.find((p) => p.id === id)?.rules;
    expect(await rulesOf(supplier.token)).toEqual({ commitTolerancePercent: 10, commitDueDays: 3, confirmationDueHours: 24, shareSales: false });

    const set = await server.ok(SetCollaborationRulesDocument, { input: { partnershipId: id, commitTolerancePercent: 5, confirmationDueHours: 48 } }, retailer.token);
    // An omitted field takes its default.
    expect(set.setCollaborationRules.rules).toEqual({ commitTolerancePercent: 5, commitDueDays: 3, confirmationDueHours: 48, shareSales: false });
    expect(await rulesOf(supplier.token)).toEqual({ commitTolerancePercent: 5, commitDueDays: 3, confirmationDueHours: 48, shareSales: false });
    expect(await rulesOf(retailer.token)).toEqual({ commitTolerancePercent: 5, commitDueDays: 3, confirmationDueHours: 48, shareSales: false });
  });

  it('refuses the supplier, a buyer, another retailer and values out of range, changing nothing', async () => {
    const retailer = await signUp(server, 'RETAILER');
    const supplier = await signUp(server, 'SUPPLIER');
    const id = await partner(server, retailer, supplier);
    const buyer = await addUser(server, retailer, 'BUYER');
    const rival = await signUp(server, 'RETAILER');
    const input = { partnershipId: id, commitTolerancePercent: 20 };
    expectError(await server.gql(SetCollaborationRulesDocument, { input }, supplier.token), 'FORBIDDEN');
    expectError(await server.gql(SetCollaborationRulesDocument, { input }, buyer.token), 'FORBIDDEN');
    expectError(await server.gql(SetCollaborationRulesDocument, { input }, rival.token), 'NOT_FOUND', 'input.partnershipId');
    expectError(await server.gql(SetCollaborationRulesDocument, { input: { partnershipId: id, commitTolerancePercent: 101 } }, retailer.token), 'BAD_USER_INPUT', 'input.commitTolerancePercent');
    expectError(await server.gql(SetCollaborationRulesDocument, { input: { partnershipId: id, confirmationDueHours: 0 } }, retailer.token), 'BAD_USER_INPUT', 'input.confirmationDueHours');
    expectError(await server.gql(SetCollaborationRulesDocument, { input: { partnershipId: id, commitDueDays: -1 } }, retailer.token), 'BAD_USER_INPUT', 'input.commitDueDays');
    const [row] = await server.query('SELECT commit_tolerance_percent, commit_due_days, confirmation_due_hours FROM partnership WHERE id = $1', [id]);
    expect(row).toEqual({ commit_tolerance_percent: 10, commit_due_days: 3, confirmation_due_hours: 24 });
  });
});
