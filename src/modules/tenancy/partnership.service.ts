import type { AuthedContext } from '../../core/context';
import { badInput, notFound } from '../../shared/errors';
import { isUuid, newId } from '../../shared/ids';
import type { ListPage } from '../../shared/connection';
import { keysetList } from '../../shared/keyset';
import { Params, sql } from '../../shared/sql';
import { PartnershipEntity } from './partnership.entity';
import { PartnershipStatus } from '../../core/tenancy.enums';

/** Retailer invites, supplier accepts; only ACTIVE partnerships share data. */
export class PartnershipService {
  /** Idempotent: inviting an existing partner returns the partnership; a suspended one goes back to PENDING. */
  async invite(ctx: AuthedContext, supplierId: string): Promise<PartnershipEntity> {
    // Whether the id names a supplier, before any partnership makes it visible: a narrow function answers only that.
    const [found] = isUuid(supplierId) ? await sql<{ supplier: boolean }>(ctx.em, `SELECT organization_is_supplier($1) AS supplier`, [supplierId]) : [];
    if (!found?.supplier) throw notFound('Supplier organization', 'input.supplierId');
    const retailer = ctx.caller.organizationId;
    // Concurrent invitations of the same pair must not fail on the unique constraint.
    await sql(
      ctx.em,
      `INSERT INTO partnership (id, retailer_id, supplier_id, status, invited_at) VALUES ($1, $2, $3, 'PENDING', now())
       ON CONFLICT (retailer_id, supplier_id) DO UPDATE SET status = 'PENDING', invited_at = now()
       WHERE partnership.status = 'SUSPENDED'`,
      [newId(), retailer, supplierId],
    );
    return ctx.em.findOneOrFail(PartnershipEntity, { retailer, supplier: supplierId }, { refresh: true });
  }

  async accept(ctx: AuthedContext, id: string): Promise<PartnershipEntity> {
    const partnership = await this.findOwn(ctx, id, 'id');
    if (partnership.supplier !== ctx.caller.organizationId) throw notFound('Partnership', 'id');
    if (partnership.status === PartnershipStatus.SUSPENDED) {
      throw badInput('id', 'This partnership is SUSPENDED; the retailer must invite you again');
    }
    if (partnership.status === PartnershipStatus.PENDING) {
      partnership.status = PartnershipStatus.ACTIVE;
      partnership.acceptedAt = new Date();
      await ctx.em.flush();
    }
    return partnership;
  }

  /** Retailer side: stops sharing with a supplier until it is invited and accepts again. */
  async suspend(ctx: AuthedContext, id: string): Promise<PartnershipEntity> {
    const partnership = await this.findOwn(ctx, id, 'id');
    if (partnership.retailer !== ctx.caller.organizationId) throw notFound('Partnership', 'id');
    partnership.status = PartnershipStatus.SUSPENDED;
    await ctx.em.flush();
    return partnership;
  }

  /** Retailer ADMIN side: the partnership's collaboration rules (any status; they apply while it is ACTIVE). */
  async setRules(
    ctx: AuthedContext,
    input: { partnershipId: string; commitTolerancePercent: number; commitDueDays: number; confirmationDueHours: number; shareSales?: boolean | null },
  ): Promise<PartnershipEntity> {
    const partnership = await this.findOwn(ctx, input.partnershipId, 'input.partnershipId');
    if (partnership.retailer !== ctx.caller.organizationId) throw notFound('Partnership', 'input.partnershipId');
    partnership.commitTolerancePercent = input.commitTolerancePercent;
    partnership.commitDueDays = input.commitDueDays;
    partnership.confirmationDueHours = input.confirmationDueHours;
    partnership.shareSales = input.shareSales ?? false;
    await ctx.em.flush();
    return partnership;
  }

  /** Oldest first (ids are time-ordered), a page at a time. */
  async list(ctx: AuthedContext, page: ListPage): Promise<PartnershipEntity[]> {
    const p = new Params();
    const visible = await keysetList<{ id: string }>(
      ctx.em,
      { select: 'v.id', from: 'partnership v', where: [ctx.scope.where('partnership', 'v', p)], params: p, key: [{ sql: 'v.id', type: 'uuid' }], id: 'v.id' },
      page,
    );
    return ctx.em.find(PartnershipEntity, { id: { $in: visible.map((v) => v.id) } }, { orderBy: { id: 'asc' } });
  }

  private async findOwn(ctx: AuthedContext, id: string, field: string): Promise<PartnershipEntity> {
    const visible = await ctx.scope.visibleIds(ctx.em, 'partnership', [id]);
    const partnership = visible.has(id) ? await ctx.em.findOne(PartnershipEntity, { id }) : null;
    if (!partnership) throw notFound('Partnership', field);
    return partnership;
  }
}

declare module '../../core/context' {
  interface ServiceRegistry {
    /** Partnerships between retailers and suppliers. */
    partnerships: PartnershipService;
  }
}
