import { Migration } from '@mikro-orm/migrations';

/**
 * After the promise (issue 12): the open-quantity model, ship notices, units
 * of measure and over-delivery tolerance (DESIGN.md "The open-quantity
 * model", "Ship notices").
 *
 * - purchase_order_line: cancelled, in transit, over-delivered, the units of
 *   the current promise already shipped or received since it was given
 *   (schedule_taken), when the retailer closed it, and its purchase unit.
 * - item.unit_of_measure (base unit, EA by default); sourcing_rule purchase
 *   unit, units per purchase unit and over-delivery tolerance.
 * - ship_notice and ship_notice_line, tenant tables with RLS enabled and
 *   forced: the retailer sees the notices addressed to it, the supplier its
 *   own while the partnership is ACTIVE (the scope rule 'shipNotice' of
 *   src/core/scope.ts); the supplier creates and cancels them, the retailer
 *   receives and closes them (ship_notice_guard).
 * - supplier_guard: a supplier still changes only the promise columns of its
 *   lines (now also in transit and schedule_taken, which its ship notices
 *   move); cancelled quantity, over-delivery, closing and the purchase unit
 *   are the retailer's (a notice the supplier withdraws from a line the
 *   retailer closed is cancelled with it: the one exception).
 *
 * Existing data stays valid under the model: lines get cancelled 0 (all of
 * it for CANCELLED lines), in transit 0, base unit EA; every receipt so far
 * came off the schedule (the old rule), so schedule_taken = received, up to
 * the promise; lines of CLOSED orders are closed short; lines with part
 * received are PARTIALLY_RECEIVED (before, a short promise received in full
 * read RECEIVED while the rest was still owed).
 */

const APP_ROLE = 'shortstop_app';
const ORG = '(select app_org())';
const PARTNERS = '(select app_partners())::uuid[]';

/** The shipNotice rule: the retailer's own; the supplier's own from an ACTIVE partner. */
const NOTICE_VISIBLE = `(retailer_id = ${ORG} or (supplier_id = ${ORG} and retailer_id = any(${PARTNERS})))`;

const POLICY_FUNCTIONS = [
  // The acting organization may see the ship notice (its own policy decides).
  `create or replace function app_sees_ship_notice(p_notice uuid) returns boolean language plpgsql stable as $$
     begin return exists (select 1 from ship_notice n where n.id = p_notice); end $$;`,
  `create or replace function app_supplier_of_ship_notice(p_notice uuid) returns uuid language plpgsql stable as $$
     begin return (select n.supplier_id from ship_notice n where n.id = p_notice); end $$;`,
];
const POLICY_FUNCTION_SIGNATURES = ['app_sees_ship_notice(uuid)', 'app_supplier_of_ship_notice(uuid)'];

const RULES = [
  { table: 'ship_notice', select: NOTICE_VISIBLE, insert: `(supplier_id = ${ORG} and retailer_id = any(${PARTNERS}))`, update: NOTICE_VISIBLE, delete: null },
  {
    table: 'ship_notice_line',
    select: 'app_sees_ship_notice(ship_notice_line.ship_notice_id)',
    insert: `app_supplier_of_ship_notice(ship_notice_line.ship_notice_id) = ${ORG}`,
    update: 'app_sees_ship_notice(ship_notice_line.ship_notice_id)',
    delete: null,
  },
];

/** supplier_guard as the RLS migration wrote it, with the new line columns among the terms. */
const supplierGuard = (lineTerms: string, exception: string, statusChange: string) => `create or replace function supplier_guard() returns trigger language plpgsql as $$
      begin
        if app_org() is null or app_org() <> old.supplier_id or app_org() = old.retailer_id then return new; end if;
        if tg_table_name = 'purchase_order_line' then
          if (${lineTerms.split(', ').map((c) => `new.${c}`).join(', ')})
             is distinct from
             (${lineTerms.split(', ').map((c) => `old.${c}`).join(', ')})${exception} then
            raise exception 'a supplier may not change the terms of an order line' using errcode = '42501';
          end if;
        else
          if (new.number, new.retailer_id, new.supplier_id, new.ship_to_id, new.issued_at, new.created_at)
             is distinct from (old.number, old.retailer_id, old.supplier_id, old.ship_to_id, old.issued_at, old.created_at)
             or ${statusChange}new.status in ('DRAFT', 'CANCELLED', 'CLOSED') then
            raise exception 'a supplier may not change the terms or close an order' using errcode = '42501';
          end if;
        end if;
        return new;
      end $$;`;
const OLD_TERMS = 'purchase_order_id, line_number, retailer_id, supplier_id, ship_to_id, item_id, quantity, requested_date, unit_cost, received_quantity';
const NEW_TERMS = `${OLD_TERMS}, over_delivered_quantity, closed_at, purchase_unit, units_per_purchase_unit`;
// The cancelled quantity may grow by a supplier only on a line the retailer closed (a notice withdrawn from it is not owed any more).
const CANCELLED_EXCEPTION = `
             or (new.cancelled_quantity <> old.cancelled_quantity
                 and not (old.closed_at is not null and new.cancelled_quantity > old.cancelled_quantity and new.cancelled_quantity <= old.quantity))`;

export class Migration20261202010000_after_the_promise extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "ship_notice" ("id" uuid not null, "retailer_id" uuid not null, "supplier_id" uuid not null, "ship_to_id" uuid not null, "number" text not null, "status" text check ("status" in ('IN_TRANSIT', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED', 'CANCELLED')) not null, "shipped_on" date not null, "expected_arrival" date not null, "carrier" text null, "tracking_number" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "ship_notice_pkey" primary key ("id"));`);
    this.addSql(`create index "ship_notice_supplier_id_idx" on "ship_notice" ("supplier_id", "id");`);
    this.addSql(`create index "ship_notice_retailer_id_idx" on "ship_notice" ("retailer_id", "id");`);
    this.addSql(`alter table "ship_notice" add constraint "ship_notice_supplier_number_unique" unique ("supplier_id", "number");`);

    this.addSql(`create table "ship_notice_line" ("ship_notice_id" uuid not null, "line_id" uuid not null, "quantity" int not null, "received_quantity" int not null default 0, constraint "ship_notice_line_pkey" primary key ("ship_notice_id", "line_id"));`);
    this.addSql(`create index "ship_notice_line_line_id_index" on "ship_notice_line" ("line_id");`);

    this.addSql(`alter table "ship_notice" add constraint "ship_notice_retailer_id_foreign" foreign key ("retailer_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "ship_notice" add constraint "ship_notice_supplier_id_foreign" foreign key ("supplier_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "ship_notice" add constraint "ship_notice_ship_to_id_foreign" foreign key ("ship_to_id") references "location" ("id") on update cascade;`);

    this.addSql(`alter table "ship_notice_line" add constraint "ship_notice_line_ship_notice_id_foreign" foreign key ("ship_notice_id") references "ship_notice" ("id") on update cascade;`);
    this.addSql(`alter table "ship_notice_line" add constraint "ship_notice_line_line_id_foreign" foreign key ("line_id") references "purchase_order_line" ("id") on update cascade;`);

    this.addSql(`alter table "alert" drop constraint if exists "alert_type_check";`);

    this.addSql(`alter table "purchase_order_line" drop constraint if exists "purchase_order_line_status_check";`);

    this.addSql(`alter table "item" add column "unit_of_measure" text not null default 'EA';`);

    this.addSql(`alter table "alert" add column "ship_notice_id" uuid null;`);
    this.addSql(`alter table "alert" add constraint "alert_type_check" check("type" in ('SHORTAGE_RISK_CHANGED', 'SUPPLIER_SLIPPED', 'PURCHASE_ORDER_ISSUED', 'PURCHASE_ORDER_CHANGED', 'PURCHASE_ORDER_CONFIRMED', 'REALLOCATION_PROPOSED', 'REALLOCATION_APPLIED', 'FORECAST_PUBLISHED', 'SHIP_NOTICE_CREATED'));`);

    this.addSql(`alter table "purchase_order_line" add column "cancelled_quantity" int not null default 0, add column "in_transit_quantity" int not null default 0, add column "over_delivered_quantity" int not null default 0, add column "schedule_taken" int not null default 0, add column "closed_at" timestamptz null, add column "purchase_unit" text null, add column "units_per_purchase_unit" int not null default 1;`);
    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_status_check" check("status" in ('OPEN', 'CONFIRMED', 'PARTIALLY_CONFIRMED', 'REJECTED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED', 'CLOSED'));`);

    this.addSql(`alter table "receipt" add column "ship_notice_id" uuid null;`);
    this.addSql(`alter table "receipt" add constraint "receipt_ship_notice_id_foreign" foreign key ("ship_notice_id") references "ship_notice" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "sourcing_rule" add column "purchase_unit" text null, add column "units_per_purchase_unit" int not null default 1, add column "over_delivery_tolerance_percent" int not null default 0;`);

    // Row-level security for the new tables (enabled, forced, policies for the application role).
    for (const fn of POLICY_FUNCTIONS) this.addSql(fn);
    for (const signature of POLICY_FUNCTION_SIGNATURES) this.addSql(`grant execute on function ${signature} to ${APP_ROLE};`);
    for (const rule of RULES) {
      const t = rule.table;
      this.addSql(`grant select, insert, update on table "${t}" to ${APP_ROLE};`);
      this.addSql(`alter table "${t}" enable row level security;`);
      this.addSql(`alter table "${t}" force row level security;`);
      this.addSql(`create policy tenant_select on "${t}" for select to ${APP_ROLE} using (${rule.select});`);
      this.addSql(`create policy tenant_insert on "${t}" for insert to ${APP_ROLE} with check (${rule.insert});`);
      this.addSql(`create policy tenant_update on "${t}" for update to ${APP_ROLE} using (${rule.update}) with check (${rule.update});`);
    }
    // Who moves a notice how: the terms never change; the supplier only withdraws it (IN_TRANSIT -> CANCELLED), the
    // retailer receives and closes it; a notice line's received quantity is the retailer's to record.
    this.addSql(`create or replace function ship_notice_guard() returns trigger language plpgsql as $$
      begin
        if app_org() is null then return new; end if;
        if tg_table_name = 'ship_notice' then
          if (new.id, new.retailer_id, new.supplier_id, new.ship_to_id, new.number, new.shipped_on, new.expected_arrival, new.carrier,
              new.tracking_number, new.created_at)
             is distinct from
             (old.id, old.retailer_id, old.supplier_id, old.ship_to_id, old.number, old.shipped_on, old.expected_arrival, old.carrier,
              old.tracking_number, old.created_at) then
            raise exception 'a ship notice''s terms never change' using errcode = '42501';
          end if;
          if new.status <> old.status and not (
               (app_org() = old.supplier_id and old.status = 'IN_TRANSIT' and new.status = 'CANCELLED')
            or (app_org() = old.retailer_id and old.status in ('IN_TRANSIT', 'PARTIALLY_RECEIVED')
                and new.status in ('PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED'))) then
            raise exception 'ship notice status % -> % is not for this organization to make', old.status, new.status using errcode = '42501';
          end if;
        else
          if (new.ship_notice_id, new.line_id, new.quantity) is distinct from (old.ship_notice_id, old.line_id, old.quantity) then
            raise exception 'a ship notice line''s terms never change' using errcode = '42501';
          end if;
          if new.received_quantity <> old.received_quantity
             and app_org() is distinct from (select n.retailer_id from ship_notice n where n.id = old.ship_notice_id) then
            raise exception 'only the retailer records what it received' using errcode = '42501';
          end if;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger ship_notice_guard before update on ship_notice for each row execute function ship_notice_guard();`);
    this.addSql(`create trigger ship_notice_guard before update on ship_notice_line for each row execute function ship_notice_guard();`);
    // A supplier's change to a CLOSED order (a receipt it cannot make, a notice it withdraws) keeps it CLOSED: only moving into those states is the retailer's.
    this.addSql(supplierGuard(NEW_TERMS, CANCELLED_EXCEPTION, 'new.status is distinct from old.status and '));

    // Existing lines under the model (as the owner: the policies would hide every row).
    this.addSql(`alter table "purchase_order_line" no force row level security;`);
    this.addSql(`alter table "purchase_order" no force row level security;`);
    this.addSql(`update purchase_order_line set cancelled_quantity = quantity where status = 'CANCELLED';`);
    this.addSql(`update purchase_order_line set schedule_taken = least(received_quantity, confirmed_quantity) where confirmed_quantity > 0;`);
    this.addSql(`update purchase_order_line l set closed_at = po.updated_at, cancelled_quantity = l.quantity - l.received_quantity, slipped = false,
                   status = case when l.received_quantity = 0 then 'CANCELLED' when l.received_quantity < l.quantity then 'CLOSED' else 'RECEIVED' end
                  from purchase_order po
                 where po.id = l.purchase_order_id and po.status = 'CLOSED' and l.status not in ('CANCELLED', 'REJECTED');`);
    this.addSql(`update purchase_order_line set status = 'PARTIALLY_RECEIVED'
                 where closed_at is null and status not in ('CANCELLED', 'REJECTED') and received_quantity > 0 and received_quantity < quantity - cancelled_quantity;`);
    this.addSql(`update purchase_order po set status = 'PARTIALLY_RECEIVED'
                 where po.status = 'RECEIVED' and exists (select 1 from purchase_order_line l where l.purchase_order_id = po.id and l.status = 'PARTIALLY_RECEIVED');`);
    this.addSql(`alter table "purchase_order" force row level security;`);
    this.addSql(`alter table "purchase_order_line" force row level security;`);
  }

  override async down(): Promise<void> {
    this.addSql(supplierGuard(OLD_TERMS, '', ''));
    this.addSql(`drop trigger if exists ship_notice_guard on ship_notice_line;`);
    this.addSql(`drop trigger if exists ship_notice_guard on ship_notice;`);
    this.addSql(`drop function if exists ship_notice_guard();`);
    for (const rule of RULES) {
      for (const command of ['select', 'insert', 'update']) this.addSql(`drop policy if exists tenant_${command} on "${rule.table}";`);
    }
    for (const signature of POLICY_FUNCTION_SIGNATURES) this.addSql(`drop function if exists ${signature};`);
    // Line statuses the old model did not know.
    this.addSql(`alter table "purchase_order_line" no force row level security;`);
    this.addSql(`update purchase_order_line set status = case when received_quantity > 0 then 'RECEIVED' else 'CONFIRMED' end
                 where status in ('PARTIALLY_RECEIVED', 'CLOSED');`);
    this.addSql(`alter table "purchase_order_line" force row level security;`);

    this.addSql(`alter table "receipt" drop constraint "receipt_ship_notice_id_foreign";`);

    this.addSql(`alter table "ship_notice_line" drop constraint "ship_notice_line_ship_notice_id_foreign";`);

    this.addSql(`drop table if exists "ship_notice" cascade;`);

    this.addSql(`drop table if exists "ship_notice_line" cascade;`);

    this.addSql(`alter table "alert" drop constraint if exists "alert_type_check";`);

    this.addSql(`alter table "purchase_order_line" drop constraint if exists "purchase_order_line_status_check";`);

    this.addSql(`alter table "alert" drop column "ship_notice_id";`);

    this.addSql(`alter table "alert" add constraint "alert_type_check" check("type" in ('SHORTAGE_RISK_CHANGED', 'SUPPLIER_SLIPPED', 'PURCHASE_ORDER_ISSUED', 'PURCHASE_ORDER_CHANGED', 'PURCHASE_ORDER_CONFIRMED', 'REALLOCATION_PROPOSED', 'REALLOCATION_APPLIED', 'FORECAST_PUBLISHED'));`);

    this.addSql(`alter table "item" drop column "unit_of_measure";`);

    this.addSql(`alter table "purchase_order_line" drop column "cancelled_quantity", drop column "in_transit_quantity", drop column "over_delivered_quantity", drop column "schedule_taken", drop column "closed_at", drop column "purchase_unit", drop column "units_per_purchase_unit";`);

    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_status_check" check("status" in ('OPEN', 'CONFIRMED', 'PARTIALLY_CONFIRMED', 'REJECTED', 'RECEIVED', 'CANCELLED'));`);

    this.addSql(`alter table "receipt" drop column "ship_notice_id";`);

    this.addSql(`alter table "sourcing_rule" drop column "purchase_unit", drop column "units_per_purchase_unit", drop column "over_delivery_tolerance_percent";`);
  }

}
