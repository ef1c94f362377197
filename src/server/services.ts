import type { Config } from '../config';
import type { Logger } from '../logger';
import { AlertBus } from '../modules/alerts/alert-bus';
import { AlertService } from '../modules/alerts/alert.service';
import { RiskService } from '../modules/risk/risk.service';
import { RiskSnapshotService } from '../modules/risk/risk-snapshot.service';
import { CredentialWatch } from '../modules/tenancy/credential-watch';
import type { ServiceRegistry } from '../core/context';
import { systemClock, type Clock } from '../core/clock';
import { LocalDates } from '../core/local-dates';
import { CatalogService } from '../modules/catalog/catalog.service';
import { ReallocationService } from '../modules/sourcing/reallocation.service';
import { ForecastService } from '../modules/forecasting/forecast.service';
import { ForecastCommitService } from '../modules/forecasting/forecast-commit.service';
import { LeadTimeService } from '../modules/lead-times/lead-time.service';
import { KpiService } from '../modules/kpis/kpi.service';
import { InventoryService } from '../modules/inventory/inventory.service';
import { LineEvents } from '../modules/purchasing/line-events';
import { PurchaseOrderLineService } from '../modules/purchasing/purchase-order-line.service';
import { PurchaseOrderService } from '../modules/purchasing/purchase-order.service';
import { ShipNoticeService } from '../modules/purchasing/ship-notice.service';
import { SourcingRuleService } from '../modules/sourcing/sourcing-rule.service';
import { ApiKeyService } from '../modules/tenancy/api-key.service';
import { AuthService } from '../modules/tenancy/auth.service';
import { LoginThrottle } from '../modules/tenancy/login-throttle';
import { PartnershipService } from '../modules/tenancy/partnership.service';
import { NodeService } from '../modules/nodes/node.service';
import { WebhookService } from '../modules/webhooks/webhook.service';
import { WhatIfService } from '../modules/what-if/what-if.service';
import { DemandService } from '../modules/demand/demand.service';

/** The domain services, created once per process; they hold no request state. */
export function createServices(config: Pick<Config, 'sessionTtlMinutes' | 'alerts' | 'login' | 'selector'> & Partial<Pick<Config, 'webhooks'>>, log: Logger, clock: Clock = systemClock): ServiceRegistry {
  const loginThrottle = new LoginThrottle(config.login);
  const catalog = new CatalogService();
  const risk = new RiskService();
  const inventory = new InventoryService(catalog, risk);
  // Purchasing tells sourcing about slipped and closed lines through LineEvents, so sourcing depends on purchasing and not back.
  const lineEvents = new LineEvents();
  const purchaseOrderLines = new PurchaseOrderLineService(risk, inventory, lineEvents);
  const purchaseOrders = new PurchaseOrderService(catalog, risk, lineEvents, purchaseOrderLines);
  const reallocations = new ReallocationService(purchaseOrders, purchaseOrderLines, risk, config.selector);
  lineEvents.listen(reallocations);
  const credentials = new CredentialWatch(log);
  const forecasts = new ForecastService(catalog, risk);
  return {
    localDates: new LocalDates(clock),
    alertBus: new AlertBus(log, config.alerts.pollIntervalMs),
    alerts: new AlertService(config.alerts.retentionDays),
    credentials,
    risk,
    riskSnapshots: new RiskSnapshotService(risk),
    loginThrottle,
    auth: new AuthService({ sessionTtlMinutes: config.sessionTtlMinutes }, loginThrottle, credentials.cache),
    apiKeys: new ApiKeyService(),
    partnerships: new PartnershipService(),
    catalog,
    sourcingRules: new SourcingRuleService(catalog, risk),
    inventory,
    purchaseOrders,
    purchaseOrderLines,
    shipNotices: new ShipNoticeService(risk, purchaseOrderLines, lineEvents),
    reallocations,
    forecasts,
    demand: new DemandService(catalog, forecasts),
    forecastCommits: new ForecastCommitService(),
    leadTimes: new LeadTimeService(catalog),
    kpis: new KpiService(),
    whatIf: new WhatIfService(risk, reallocations),
    nodes: new NodeService(),
    webhooks: new WebhookService(config.webhooks ?? WEBHOOK_DEFAULTS),
  };
}

/** Production's webhook rules, for callers that build services without a full config (scripts). */
const WEBHOOK_DEFAULTS: Config['webhooks'] = { allowPrivateAddresses: false, retryBaseMs: 5_000, maxRetryMs: 3_600_000, failureWindowMs: 86_400_000, timeoutMs: 10_000 };

export type Services = ServiceRegistry;
