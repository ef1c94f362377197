import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook queue under steady load (review of issue 15, point 1): an endpoint
 * is due for a delivery run only when it has work it can do now:
 * - its oldest PENDING delivery (the head, which holds the ones behind it)
 *   has no retry time, or its retry time has passed (p_now: the server's
 *   clock); an endpoint waiting out a backoff is not due (its run queued the
 *   retry), and new alerts behind a waiting head do not make it due;
 * - or it has no PENDING delivery and its organization has an alert after
 *   queued_through of a type it takes (an alert it filters out is not work).
 * Replaces webhook_endpoints_due(), which counted every endpoint with any
 * PENDING delivery or any newer alert of the organization.
 *
 * alert.webhook_endpoint_id: the endpoint a WEBHOOK_ENDPOINT_DEACTIVATED
 * alert is about (its webhook body's data.webhookEndpointId, Alert.webhookEndpointId).
 */
const APP_ROLE = 'shortstop_app';
const DEFINER = 'language sql security definer set search_path = public, pg_temp';

const OLD = `create or replace function webhook_endpoints_due()
      returns table (endpoint_id uuid) ${DEFINER} stable as $$
        select e.id from webhook_endpoint e
         where e.active and (
           exists (select 1 from webhook_delivery d where d.endpoint_id = e.id and d.status = 'PENDING')
           or exists (select 1 from organization_counter c where c.organization_id = e.organization_id and c.name = 'alert' and c.value > e.queued_through))
         order by e.id $$;`;

export class Migration20261208010000_webhooks_due extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop function if exists webhook_endpoints_due();`);
    this.addSql(`create or replace function webhook_endpoints_due(p_now timestamptz)
      returns table (endpoint_id uuid) ${DEFINER} stable as $$
        select e.id from webhook_endpoint e
          left join lateral (
            select d.alert_cursor, d.next_attempt_at from webhook_delivery d
             where d.endpoint_id = e.id and d.status = 'PENDING'
             order by d.alert_cursor limit 1) head on true
         where e.active and (
           (head.alert_cursor is not null and (head.next_attempt_at is null or head.next_attempt_at <= p_now))
           or (head.alert_cursor is null and exists (
             select 1 from alert a
              where a.organization_id = e.organization_id and a.cursor > e.queued_through
                and (e.types is null or a.type = any(e.types)))))
         order by e.id $$;`);
    // WEBHOOK_ENDPOINT_DEACTIVATED names its endpoint (kept when the endpoint is deleted later: the alert is history).
    this.addSql(`alter table "alert" add column "webhook_endpoint_id" uuid null;`);
    this.addSql(`revoke all on function webhook_endpoints_due(timestamptz) from public;`);
    this.addSql(`grant execute on function webhook_endpoints_due(timestamptz) to ${APP_ROLE};`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "alert" drop column if exists "webhook_endpoint_id";`);
    this.addSql(`drop function if exists webhook_endpoints_due(timestamptz);`);
    this.addSql(OLD);
    this.addSql(`revoke all on function webhook_endpoints_due() from public;`);
    this.addSql(`grant execute on function webhook_endpoints_due() to ${APP_ROLE};`);
  }
}
