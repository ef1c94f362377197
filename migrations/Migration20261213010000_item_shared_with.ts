import { Migration } from '@mikro-orm/migrations';

const ORG = '(select app_org())';
const PARTNERS = '(select app_partners())::uuid[]';
const NOW = `(retailer_id = ${ORG} or (retailer_id = any(${PARTNERS}) and ${ORG} = any(shared_with)))`;
const SUPPLIED_ITEMS = `(select r.item_id from sourcing_rule r where r.supplier_id = ${ORG} and r.active)`;
const ON_ITS_ORDERS = `exists (select 1 from purchase_order_line ol where ol.item_id = item.id and ol.supplier_id = ${ORG})`;
const BEFORE = `(retailer_id = ${ORG} or (retailer_id = any(${PARTNERS}) and (item.id in ${SUPPLIED_ITEMS} or ${ON_ITS_ORDERS})))`;

/** Every supplier the item is shared with, from what the database holds now (alias i for the item). */
const SHARED_WITH = `coalesce((select array_agg(x.supplier_id order by x.supplier_id) from (
      select r.supplier_id from sourcing_rule r where r.item_id = i.id and r.active
      union select l.supplier_id from purchase_order_line l where l.item_id = i.id and l.order_past_draft) x), '{}')`;

/**
 * Each item carries the suppliers it is shared with (`item.shared_with`,
 * uuid[]): those with an active sourcing rule for it, and those with a line
 * of it on an order that has left DRAFT. The item's policy reads the column
 * instead of two sub-selects ("items the supplier sources", "items on its
 * lines"); the rule is the same (DESIGN.md, Tenancy and access), and a
 * supplier still sees an item only while it is an ACTIVE partner of the
 * item's retailer.
 *
 * Why: every statement that reads items set those sub-selects up in its
 * plan, a retailer's too (it never reaches that branch). Side by side (20
 * orders x 10 lines with items), a column read by the policy, tried in
 * place, put every query pair ahead: +16-48% requests per second for the
 * retailer, +16-19% for a supplier (README, Benchmarks, session 24).
 *
 * The database keeps the column, so no writer can forget it: triggers on
 * sourcing_rule and purchase_order_line. What adds a supplier (a rule
 * inserted active or activated, a line inserted on an order past DRAFT, a
 * draft issued or cancelled: its lines' order_past_draft set by the
 * order's foreign key) appends it; what may take one away (a rule
 * deactivated, deleted or moved to another item or supplier; a line
 * deleted or moved) computes the item's list again from the rules and lines.
 * An order never returns to DRAFT, so a line never stops counting by its flag.
 *
 * The list names other suppliers, so the application role may neither
 * read nor write the column: its privileges on item are granted column by
 * column, every column but shared_with (a column added to item later needs
 * its grant; rls-catalog.test.ts checks every column of every tenant table
 * but this one is open to it). The policy reads the column all the same
 * (a policy's expression needs no privilege of the caller). The
 * application's own item rule (src/core/scope.ts), the first of the two
 * gates, cannot read it, and keeps its sub-selects of the rules and lines:
 * it runs in a supplier's statements only, where they find the supplier's
 * own rows; the rls-isolation tests hold the two to the same answers.
 *
 * So the triggers are SECURITY DEFINER: they run as the owner, who may
 * read and write the column, and who sees rules, lines and items under
 * FORCE only through the definer_* policies added here (select on rules
 * and lines, select and update on items; as for the other SECURITY DEFINER
 * functions, nothing else is open to the owner). They still act only for
 * the item's retailer: only it writes rules, lines' items and suppliers,
 * and orders' status into and out of DRAFT (the policies and supplier_guard
 * refuse anyone else), and a trigger run in anyone else's scope raises
 * (item_sharing_writer).
 */
const APP_ROLE = 'shortstop_app';
const ITEM_COLUMNS = '"id", "retailer_id", "sku", "name", "unit_price", "created_at", "unit_of_measure", "active"';
const DEFINER = 'language plpgsql security definer set search_path = public, pg_temp';
/** What the triggers read and write as the owner (definer_* policies, as in the row-level security migration). */
const DEFINER_ACCESS: [string, string][] = [
  ['item', 'select'],
  ['item', 'update'],
  ['sourcing_rule', 'select'],
  ['purchase_order_line', 'select'],
];
const HELPERS = ['item_sharing_writer(uuid)', 'item_sharing_recompute(uuid[])', 'item_sharing_append(uuid, uuid)'];

export class Migration20261213010000_item_shared_with extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "item" add column "shared_with" uuid[] not null default '{}';`);
    this.addSql(`revoke select, insert, update on "item" from ${APP_ROLE};`);
    this.addSql(`grant select (${ITEM_COLUMNS}), insert (${ITEM_COLUMNS}), update (${ITEM_COLUMNS}) on "item" to ${APP_ROLE};`);
    for (const [table, command] of DEFINER_ACCESS) {
      const clause = command === 'update' ? 'using (true) with check (true)' : 'using (true)';
      // Named apart from the earlier migration's definer_* policies of other tables (none on these three before).
      this.addSql(`create policy definer_${command} on "${table}" for ${command} to current_user ${clause};`);
    }
    // Only the item's retailer keeps the lists (or a session acting for no organization: a migration, a superuser's
    // fixtures; the application role sees and writes nothing without one).
    this.addSql(`create or replace function item_sharing_writer(p_retailer uuid) returns void language plpgsql as $$
      begin
        if app_org() is not null and app_org() <> p_retailer then
          raise exception 'an item''s suppliers are kept by the retailer''s writes only' using errcode = '42501';
        end if;
      end $$;`);
    // Taking a supplier away: one recompute of an item at a time, each from what is committed once it holds the row
    // (its UPDATE is a new statement, with a new snapshot), so two of them cannot leave a list an earlier commit emptied.
    this.addSql(`create or replace function item_sharing_recompute(p_items uuid[]) returns void language plpgsql as $$
      begin
        perform 1 from item where id = any(p_items) order by id for no key update;
        update item i set shared_with = ${SHARED_WITH}
         where i.id = any(p_items) and i.shared_with is distinct from ${SHARED_WITH};
      end $$;`);
    // Adding one: a supplier already listed is held there (FOR SHARE) until this transaction ends, so a recompute that
    // would take it away waits for this commit and then sees the rule or line that keeps it; one not listed is appended.
    this.addSql(`create or replace function item_sharing_append(p_item uuid, p_supplier uuid) returns void language plpgsql as $$
      begin
        perform 1 from item where id = p_item and p_supplier = any(shared_with) for share;
        if not found then
          update item set shared_with = array_append(shared_with, p_supplier) where id = p_item and not (p_supplier = any(shared_with));
        end if;
      end $$;`);
    // Rules: active is what counts.
    this.addSql(`create or replace function sourcing_rule_sharing() returns trigger ${DEFINER} as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then perform item_sharing_writer(old.retailer_id); end if;
        if tg_op in ('INSERT', 'UPDATE') then perform item_sharing_writer(new.retailer_id); end if;
        if tg_op = 'INSERT' then
          if new.active then perform item_sharing_append(new.item_id, new.supplier_id); end if;
        elsif tg_op = 'DELETE' then
          if old.active then perform item_sharing_recompute(array[old.item_id]); end if;
        elsif (new.item_id, new.supplier_id) = (old.item_id, old.supplier_id) and (new.active or not old.active) then
          if new.active and not old.active then perform item_sharing_append(new.item_id, new.supplier_id); end if;
        else
          perform item_sharing_recompute(array[old.item_id, new.item_id]);
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger sourcing_rule_sharing after insert or delete or update of item_id, supplier_id, active on sourcing_rule
                   for each row execute function sourcing_rule_sharing();`);
    // Lines: order_past_draft is what counts (never true -> false: an order never returns to DRAFT).
    this.addSql(`create or replace function purchase_order_line_sharing() returns trigger ${DEFINER} as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then perform item_sharing_writer(old.retailer_id); end if;
        if tg_op in ('INSERT', 'UPDATE') then perform item_sharing_writer(new.retailer_id); end if;
        if tg_op = 'INSERT' then
          if new.order_past_draft then perform item_sharing_append(new.item_id, new.supplier_id); end if;
        elsif tg_op = 'DELETE' then
          if old.order_past_draft then perform item_sharing_recompute(array[old.item_id]); end if;
        elsif (new.item_id, new.supplier_id) = (old.item_id, old.supplier_id) and (new.order_past_draft or not old.order_past_draft) then
          if new.order_past_draft and not old.order_past_draft then perform item_sharing_append(new.item_id, new.supplier_id); end if;
        else
          perform item_sharing_recompute(array[old.item_id, new.item_id]);
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger purchase_order_line_sharing after insert or delete or update of item_id, supplier_id, order_past_draft on purchase_order_line
                   for each row execute function purchase_order_line_sharing();`);
    // The helpers run inside the triggers, as the owner; the application role may not call them (nor the triggers).
    for (const helper of HELPERS) this.addSql(`revoke execute on function ${helper} from public;`);
    for (const trigger of ['sourcing_rule_sharing()', 'purchase_order_line_sharing()']) {
      this.addSql(`revoke execute on function ${trigger} from public;`);
      this.addSql(`grant execute on function ${trigger} to ${APP_ROLE};`);
    }
    // Existing items, as the owner (the policies would hide every row).
    this.addSql(`alter table "item" no force row level security;`);
    this.addSql(`alter table "sourcing_rule" no force row level security;`);
    this.addSql(`alter table "purchase_order_line" no force row level security;`);
    this.addSql(`update item i set shared_with = ${SHARED_WITH};`);
    this.addSql(`alter table "purchase_order_line" force row level security;`);
    this.addSql(`alter table "sourcing_rule" force row level security;`);
    this.addSql(`alter table "item" force row level security;`);
    this.addSql(`alter policy tenant_select on "item" using (${NOW});`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter policy tenant_select on "item" using (${BEFORE});`);
    this.addSql(`drop trigger purchase_order_line_sharing on purchase_order_line;`);
    this.addSql(`drop trigger sourcing_rule_sharing on sourcing_rule;`);
    this.addSql(`drop function purchase_order_line_sharing();`);
    this.addSql(`drop function sourcing_rule_sharing();`);
    this.addSql(`drop function item_sharing_append(uuid, uuid);`);
    this.addSql(`drop function item_sharing_recompute(uuid[]);`);
    this.addSql(`drop function item_sharing_writer(uuid);`);
    for (const [table, command] of DEFINER_ACCESS) this.addSql(`drop policy definer_${command} on "${table}";`);
    this.addSql(`alter table "item" drop column "shared_with";`);
    this.addSql(`grant select, insert, update on "item" to ${APP_ROLE};`);
  }
}
