import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124233949_foundation } from './Migration20261124233949_foundation';
import { Migration20261124235307_purchasing_forecasts_alerts } from './Migration20261124235307_purchasing_forecasts_alerts';
import { Migration20261125000825_risk_and_alert_retention } from './Migration20261125000825_risk_and_alert_retention';
import { Migration20261125003608_reallocation } from './Migration20261125003608_reallocation';
import { Migration20261130010000_tenancy_scope } from './Migration20261130010000_tenancy_scope';
import { Migration20261130020000_row_level_security } from './Migration20261130020000_row_level_security';
import { Migration20261130030000_money_headroom } from './Migration20261130030000_money_headroom';
import { Migration20261201010000_login_throttle } from './Migration20261201010000_login_throttle';
import { Migration20261201020000_policy_subplans } from './Migration20261201020000_policy_subplans';
import { Migration20261201030000_proposal_optimal } from './Migration20261201030000_proposal_optimal';
import { Migration20261202010000_after_the_promise } from './Migration20261202010000_after_the_promise';
import { Migration20261203010000_forecast_scope } from './Migration20261203010000_forecast_scope';
import { Migration20261203020000_collaboration_rules } from './Migration20261203020000_collaboration_rules';
import { Migration20261204040000_risk_snapshot } from './Migration20261204040000_risk_snapshot';
import { Migration20261204050000_job_queue_overdue_alerts } from './Migration20261204050000_job_queue_overdue_alerts';
import { Migration20261204060000_forecast_commits } from './Migration20261204060000_forecast_commits';
import { Migration20261204070000_webhooks } from './Migration20261204070000_webhooks';
import { Migration20261204080000_ship_notice_policy_subplans } from './Migration20261204080000_ship_notice_policy_subplans';
import { Migration20261205010000_sales_history } from './Migration20261205010000_sales_history';
import { Migration20261206010000_changes_local_dates_retiring } from './Migration20261206010000_changes_local_dates_retiring';
import { Migration20261208010000_webhooks_due } from './Migration20261208010000_webhooks_due';

/** Every migration in order; listed explicitly so the same list runs from TypeScript (tests) and from dist/. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261124233949_foundation', class: Migration20261124233949_foundation },
  { name: 'Migration20261124235307_purchasing_forecasts_alerts', class: Migration20261124235307_purchasing_forecasts_alerts },
  { name: 'Migration20261125000825_risk_and_alert_retention', class: Migration20261125000825_risk_and_alert_retention },
  { name: 'Migration20261125003608_reallocation', class: Migration20261125003608_reallocation },
  { name: 'Migration20261130010000_tenancy_scope', class: Migration20261130010000_tenancy_scope },
  { name: 'Migration20261130020000_row_level_security', class: Migration20261130020000_row_level_security },
  { name: 'Migration20261130030000_money_headroom', class: Migration20261130030000_money_headroom },
  { name: 'Migration20261201010000_login_throttle', class: Migration20261201010000_login_throttle },
  { name: 'Migration20261201020000_policy_subplans', class: Migration20261201020000_policy_subplans },
  { name: 'Migration20261201030000_proposal_optimal', class: Migration20261201030000_proposal_optimal },
  { name: 'Migration20261202010000_after_the_promise', class: Migration20261202010000_after_the_promise },
  { name: 'Migration20261203010000_forecast_scope', class: Migration20261203010000_forecast_scope },
  { name: 'Migration20261203020000_collaboration_rules', class: Migration20261203020000_collaboration_rules },
  { name: 'Migration20261204040000_risk_snapshot', class: Migration20261204040000_risk_snapshot },
  { name: 'Migration20261204050000_job_queue_overdue_alerts', class: Migration20261204050000_job_queue_overdue_alerts },
  { name: 'Migration20261204060000_forecast_commits', class: Migration20261204060000_forecast_commits },
  { name: 'Migration20261204070000_webhooks', class: Migration20261204070000_webhooks },
  { name: 'Migration20261204080000_ship_notice_policy_subplans', class: Migration20261204080000_ship_notice_policy_subplans },
  { name: 'Migration20261205010000_sales_history', class: Migration20261205010000_sales_history },
  { name: 'Migration20261206010000_changes_local_dates_retiring', class: Migration20261206010000_changes_local_dates_retiring },
  { name: 'Migration20261208010000_webhooks_due', class: Migration20261208010000_webhooks_due },
];
