import { Migration } from '@mikro-orm/migrations';

/**
 * Ship-notice line policies hold a sub-select instead of calling a PL/pgSQL
 * function per row (app_sees_ship_notice, app_supplier_of_ship_notice), as
 * Migration20261201020000_policy_subplans did for every other policy that
 * looks at another table. The in-transit quantity every open-quantity read
 * sums (selector, projection, confirmation, line status) scans
 * ship_notice_line under its select policy: a function call per row there
 * cost 7-18 µs each; a correlated sub-select is an index probe on
 * ship_notice's primary key, planned into the statement. The referenced
 * ship_notice's own policy applies inside the sub-select (it runs as the
 * caller), exactly as inside the function; ship_notice's policies do not
 * refer back to ship_notice_line, so there is no recursion. The functions
 * stay (Migration20261202010000_after_the_promise's down drops them).
 */

const ORG = '(select app_org())';

const SEES_NOTICE = `exists (select 1 from ship_notice sn where sn.id = ship_notice_line.ship_notice_id)`;
const SUPPLIER_OF_NOTICE = `exists (select 1 from ship_notice sn where sn.id = ship_notice_line.ship_notice_id and sn.supplier_id = ${ORG})`;

const POLICIES = [
  { policy: 'tenant_select', clause: (e: string) => `using (${e})`, up: SEES_NOTICE, down: 'app_sees_ship_notice(ship_notice_line.ship_notice_id)' },
  { policy: 'tenant_insert', clause: (e: string) => `with check (${e})`, up: SUPPLIER_OF_NOTICE, down: `app_supplier_of_ship_notice(ship_notice_line.ship_notice_id) = ${ORG}` },
  { policy: 'tenant_update', clause: (e: string) => `using (${e}) with check (${e})`, up: SEES_NOTICE, down: 'app_sees_ship_notice(ship_notice_line.ship_notice_id)' },
];

export class Migration20261204080000_ship_notice_policy_subplans extends Migration {
  override async up(): Promise<void> {
    for (const p of POLICIES) this.addSql(`alter policy ${p.policy} on "ship_notice_line" ${p.clause(p.up)};`);
  }

  override async down(): Promise<void> {
    for (const p of POLICIES) this.addSql(`alter policy ${p.policy} on "ship_notice_line" ${p.clause(p.down)};`);
  }
}
