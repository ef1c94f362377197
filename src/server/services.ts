import type { Config } from '../config';
import { CatalogService } from '../modules/catalog/catalog.service';
import { ForecastService } from '../modules/forecasting/forecast.service';
import { LeadTimeService } from '../modules/lead-times/lead-time.service';
import { InventoryService } from '../modules/inventory/inventory.service';
import { PurchaseOrderLineService } from '../modules/purchasing/purchase-order-line.service';
import { PurchaseOrderService } from '../modules/purchasing/purchase-order.service';
import { SourcingRuleService } from '../modules/sourcing/sourcing-rule.service';
import { ApiKeyService } from '../modules/tenancy/api-key.service';
import { AuthService } from '../modules/tenancy/auth.service';
import { PartnershipService } from '../modules/tenancy/partnership.service';

/** The domain services, created once per process; they hold no request state. */
export function createServices(config: Pick<Config, 'sessionTtlMinutes'>) {
  const catalog = new CatalogService();
  return {
    auth: new AuthService({ sessionTtlMinutes: config.sessionTtlMinutes }),
    apiKeys: new ApiKeyService(),
    partnerships: new PartnershipService(),
    catalog,
    sourcingRules: new SourcingRuleService(catalog),
    inventory: new InventoryService(catalog),
    purchaseOrders: new PurchaseOrderService(catalog),
    purchaseOrderLines: new PurchaseOrderLineService(),
    forecasts: new ForecastService(catalog),
    leadTimes: new LeadTimeService(catalog),
  };
}

export type Services = ReturnType<typeof createServices>;
