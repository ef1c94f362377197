import DataLoader from 'dataloader';
import { perRequest, type AuthedContext, type RequestContext } from '../../core/context';
import type { ForecastCommitRow } from './forecast-commit.service';

const create = (ctx: RequestContext) =>
  new DataLoader<string, ForecastCommitRow | null>(async (ids) => {
    const rows = ctx.caller ? await ctx.services.forecastCommits.byIds(ctx as AuthedContext, ids) : [];
    const byId = new Map(rows.map((row) => [row.storedId, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** Stored forecast commits by id (alert links, a mutation's answer) through the forecastCommit rule; null when not visible. */
export const forecastCommitLoader = (ctx: RequestContext) => perRequest(ctx, create);
