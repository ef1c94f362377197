import { MAX_KPI_WINDOW_DAYS } from '../modules/kpis/kpi.service';
import { MAX_POSITIONS_PER_CALL } from '../modules/inventory/inventory.inputs';
import { MAX_ITEMS_PER_CALL } from '../modules/catalog/catalog.inputs';
import { MAX_COMMIT_LINES } from '../modules/forecasting/forecast-commit.service';
import { MAX_LINES_PER_ORDER } from '../modules/purchasing/purchase-order.service';
import { MAX_LINES_PER_CONFIRMATION_BATCH } from '../modules/purchasing/purchasing.inputs';
import { MAX_RULES_PER_ITEM } from '../modules/sourcing/sourcing-rule.service';
import { MAX_LINES_PER_NOTICE, MAX_NOTICES_PER_LINE } from '../modules/purchasing/ship-notice.service';
import { MAX_SIMULATED_SLIPS } from '../modules/what-if/what-if.inputs';
import { MAX_SIMULATED_CHANGES } from '../modules/what-if/what-if.types';
import { MAX_HORIZON_WEEKS } from '../modules/demand/demand.inputs';
import { MAX_HISTORY_WEEKS } from '../modules/demand/baseline';

/**
 * What keeps a list field that is not a connection small, and how the cost
 * limit counts it (src/server/query-cost.ts).
 */
export interface ListBound {
  /** The bound, in words: the field's description says it too. */
  bound: string;
  /**
   * How many elements the cost limit counts: the value of one of the field's
   * Int arguments (its page size or horizon), or a stated estimate of the
   * usual size when the bound by construction is far above it.
   */
  counted: number | { argument: string };
}

/** A schedule: one entry per delivery date, at most 366 (ConfirmPurchaseOrderLineInput.schedule); usually one to three. */
const SCHEDULE: ListBound = { bound: 'at most 366 delivery dates (ConfirmPurchaseOrderLineInput.schedule)', counted: 3 };
/** Plain lists paged by ListArgs (first/after): counted by `first`. */
const PAGED = (max: number): ListBound => ({ bound: `paged: first (at most ${max}) and after`, counted: { argument: 'first' } });
/**
 * A bulk mutation's answer has one element per input element: as many as the
 * input, whose size its maxItems and the bulk body limit bound. Counted once,
 * not per element, so that a bulk load the input bounds allow is not refused
 * for its answer (select little: `{ id }`).
 */
const ECHO = (what: string, max: number): ListBound => ({ bound: `one element per input ${what}: at most ${max.toLocaleString('en-US')}`, counted: 1 });

/**
 * The allow-list: every list-returning field of the schema that is not a
 * connection (edges under a connection field with first/last), with what
 * bounds it. test/unit/list-bounds.test.ts walks the built schema and fails
 * for a list field missing here, so a new list must either be a connection
 * or state its bound (and estimate) in this table.
 */
export const LIST_BOUNDS: Readonly<Record<string, ListBound>> = {
  // Contract plain lists that grow with an organization's data: paged (ListArgs).
  'Query.partnerships': PAGED(500),
  'Query.locations': PAGED(500),
  'Query.sourcingRules': PAGED(500),
  'Query.apiKeys': PAGED(500),
  'Query.forecastVersions': PAGED(100),
  'Query.kpis': PAGED(500),
  'Query.forecastAccuracy': PAGED(500),
  // A baseline preview: one entry per history week (at most 156) and per forecast week (horizonWeeks, at most 52).
  'ForecastPreview.history': { bound: `one per week of sales history: at most ${MAX_HISTORY_WEEKS}`, counted: MAX_HISTORY_WEEKS },
  'ForecastPreview.forecast': { bound: `one per forecast week: horizonWeeks, at most ${MAX_HORIZON_WEEKS}`, counted: MAX_HORIZON_WEEKS },
  // One entry per snapshot day of the window, which is at most MAX_KPI_WINDOW_DAYS (400) long.
  'Query.riskTrend': { bound: `one day per snapshot day in [from, to]: at most ${MAX_KPI_WINDOW_DAYS}`, counted: MAX_KPI_WINDOW_DAYS },
  // One entry per day of the horizon: horizonDays, 1 to 365.
  'Query.projectedInventory': { bound: 'one day per day of the horizon: horizonDays, 1 to 365', counted: { argument: 'horizonDays' } },
  'Query.webhookEndpoints': { bound: 'at most 20 per organization (createWebhookEndpoint refuses more)', counted: 20 },

  // Children that grow with an object's life: paged per parent (first/after with the children's cursors).
  'PurchaseOrder.history': PAGED(500),
  'PurchaseOrderLine.confirmations': PAGED(500),
  'PurchaseOrderLine.receipts': PAGED(500),

  // Bounded by the input that made them.
  // An order's lines are fixed when it is created (createPurchaseOrder); nothing adds lines later. Usually a few.
  'PurchaseOrder.lines': { bound: `at most ${MAX_LINES_PER_ORDER} (CreatePurchaseOrderInput.lines)`, counted: 5 },
  'PurchaseOrderLine.schedule': SCHEDULE,
  'PurchaseOrderLine.remainingSchedule': SCHEDULE,
  // A notice's lines are fixed when it is created; a line appears on a bounded number of notices (createShipNotice refuses more). Usually one or two.
  'ShipNotice.lines': { bound: `at most ${MAX_LINES_PER_NOTICE} (CreateShipNoticeInput.lines)`, counted: 5 },
  'PurchaseOrderLine.shipNoticeLines': { bound: `at most ${MAX_NOTICES_PER_LINE} ship notices per order line (createShipNotice)`, counted: 2 },
  'PurchaseOrderLine.firstConfirmedSchedule': SCHEDULE,
  'Confirmation.schedule': SCHEDULE,
  'ApiKey.scopes': { bound: 'at most 20 (CreateApiKeyInput.scopes)', counted: 20 },
  'WebhookEndpoint.types': { bound: 'at most the number of alert types (duplicates dropped)', counted: 13 },
  // One candidate per sourcing rule of the item (at most 50 per item), moves among them. Usually a few backups.
  'ReallocationProposal.candidates': { bound: `one per sourcing rule of the item: at most ${MAX_RULES_PER_ITEM}`, counted: 5 },
  'ReallocationProposal.moves': { bound: `one per chosen candidate: at most ${MAX_RULES_PER_ITEM}`, counted: 3 },

  // What-if (simulate): the most urgent changes, capped (changeCount counts them all); one plan per slip of the input.
  'SimulationResult.changes': { bound: `at most ${MAX_SIMULATED_CHANGES}, the most urgent (changeCount: all)`, counted: 50 },
  'SimulationResult.plans': { bound: `one per slip of the input: at most ${MAX_SIMULATED_SLIPS}`, counted: 5 },
  'ReallocationPlan.candidates': { bound: `one per sourcing rule of the item: at most ${MAX_RULES_PER_ITEM}`, counted: 5 },
  'ReallocationPlan.moves': { bound: `one per chosen candidate: at most ${MAX_RULES_PER_ITEM}`, counted: 3 },

  // Bulk mutations: the answer echoes the input.
  'Mutation.upsertInventory': ECHO('position', MAX_POSITIONS_PER_CALL),
  'Mutation.upsertItems': ECHO('item', MAX_ITEMS_PER_CALL),
  'Mutation.confirmPurchaseOrderLines': ECHO('line', MAX_LINES_PER_CONFIRMATION_BATCH),
  'Mutation.commitForecast': ECHO('line', MAX_COMMIT_LINES),
};
