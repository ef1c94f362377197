import { Migration } from '@mikro-orm/migrations';

const ORG = '(select app_org())';
const PARTNERS = '(select app_partners())::uuid[]';
const LINE_RULE = (pastDraft: string) => `(retailer_id = ${ORG} or (supplier_id = ${ORG} and retailer_id = any(${PARTNERS}) and ${pastDraft}))`;
const NOW = LINE_RULE('order_past_draft');
const BEFORE = LINE_RULE(`exists (select 1 from purchase_order po where po.id = purchase_order_line.purchase_order_id and po.status <> 'DRAFT')`);

/**
 * Each order line carries whether its order has left DRAFT
 * (`purchase_order_line.order_past_draft`: issued, or cancelled; an order
 * never returns to DRAFT), and the line's policies read that instead of a
 * sub-select of the order per line.
 *
 * Why: a supplier sees a line only once its order has left DRAFT. Under the
 * policy that probed the order, every statement touching order lines (and
 * every statement touching items, whose policy asks "is the item on one of
 * the supplier's lines") set up the order's policy again in its plan, for
 * retailers too, who never reach that branch. Side by side with the same
 * rows, (b) (20 orders x 10 lines with items, as a retailer) went from
 * 847-1,239 to 1,206-1,293 requests per second with p99 20-32 -> 17-19 ms
 * when the policy read a column instead (README, Benchmarks).
 *
 * The database keeps the copy, so no writer can get it wrong: the order has
 * `past_draft` (generated: status <> 'DRAFT'), and the line's order, parties
 * and flag reference the order's (one foreign key, ON UPDATE CASCADE). A
 * line written with another flag or other parties than its order's is
 * refused; issuing or cancelling a draft sets its lines' flags in the same
 * statement. The old policy also checked, through the order's own policy,
 * that the order was addressed to the supplier: the parties in the key keep
 * that true of every line. Existing lines are filled as the owner (the
 * policies would hide every row).
 *
 * Locking: with a BEFORE UPDATE trigger on purchase_order (supplier_guard),
 * PostgreSQL 15 counts a stored generated column as updated by every UPDATE,
 * and past_draft is in a unique key, so every UPDATE of an order locks its
 * row FOR UPDATE (not FOR NO KEY UPDATE), which waits for the KEY SHARE
 * locks that inserting a line or a change record takes on it. Every writer
 * of an order locks it FOR UPDATE first anyway (lockOrder, the lines' lock),
 * so nothing waits longer today; an UPDATE of an order that does not lock
 * it first would.
 */
export class Migration20261212010000_line_order_past_draft extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "purchase_order" add column "past_draft" boolean generated always as (status <> 'DRAFT') stored;`);
    this.addSql(`alter table "purchase_order" add constraint "purchase_order_id_parties_past_draft_unique" unique ("id", "retailer_id", "supplier_id", "past_draft");`);
    this.addSql(`alter table "purchase_order_line" add column "order_past_draft" boolean not null default false;`);
    this.addSql(`alter table "purchase_order_line" no force row level security;`);
    this.addSql(`alter table "purchase_order" no force row level security;`);
    this.addSql(`update purchase_order_line l set order_past_draft = po.past_draft from purchase_order po where po.id = l.purchase_order_id and po.past_draft;`);
    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_order_parties_past_draft_foreign"
                   foreign key ("purchase_order_id", "retailer_id", "supplier_id", "order_past_draft")
                   references "purchase_order" ("id", "retailer_id", "supplier_id", "past_draft") on update cascade;`);
    this.addSql(`alter table "purchase_order" force row level security;`);
    this.addSql(`alter table "purchase_order_line" force row level security;`);
    this.addSql(`alter policy tenant_select on "purchase_order_line" using (${NOW});`);
    this.addSql(`alter policy tenant_update on "purchase_order_line" using (${NOW}) with check (${NOW});`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter policy tenant_select on "purchase_order_line" using (${BEFORE});`);
    this.addSql(`alter policy tenant_update on "purchase_order_line" using (${BEFORE}) with check (${BEFORE});`);
    this.addSql(`alter table "purchase_order_line" drop constraint "purchase_order_line_order_parties_past_draft_foreign";`);
    this.addSql(`alter table "purchase_order_line" drop column "order_past_draft";`);
    this.addSql(`alter table "purchase_order" drop constraint "purchase_order_id_parties_past_draft_unique";`);
    this.addSql(`alter table "purchase_order" drop column "past_draft";`);
  }
}
