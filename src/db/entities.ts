import { AlertEntity } from '../modules/alerts/alert.entity';
import { WebhookDeliveryEntity, WebhookEndpointEntity } from '../modules/webhooks/webhook.entity';
import { ItemEntity } from '../modules/catalog/item.entity';
import { LocationEntity } from '../modules/catalog/location.entity';
import { InventoryPositionEntity } from '../modules/inventory/inventory-position.entity';
import { ForecastLineEntity, ForecastVersionEntity } from '../modules/forecasting/forecast.entities';
import { ForecastCommitEntity } from '../modules/forecasting/forecast-commit.entity';
import { ChangeRecordEntity } from '../modules/purchasing/change-record.entity';
import { ConfirmationEntity } from '../modules/purchasing/confirmation.entity';
import { OverdueAlertEntity } from '../modules/purchasing/overdue-alert.entity';
import { PurchaseOrderLineEntity } from '../modules/purchasing/purchase-order-line.entity';
import { PurchaseOrderEntity } from '../modules/purchasing/purchase-order.entity';
import { ReceiptEntity } from '../modules/purchasing/receipt.entity';
import { ScheduleLineEntity } from '../modules/purchasing/schedule-line.entity';
import { ShipNoticeEntity, ShipNoticeLineEntity } from '../modules/purchasing/ship-notice.entity';
import { ShortageRiskEntity } from '../modules/risk/shortage-risk.entity';
import { RiskSnapshotEntity } from '../modules/risk/risk-snapshot.entity';
import { SafetyStockEntity } from '../modules/inventory/safety-stock.entity';
import { ReallocationProposalEntity, SourcingPolicyEntity } from '../modules/sourcing/reallocation.entities';
import { SourcingRuleEntity } from '../modules/sourcing/sourcing-rule.entity';
import { ApiKeyEntity } from '../modules/tenancy/api-key.entity';
import { OrganizationEntity } from '../modules/tenancy/organization.entity';
import { PartnershipEntity } from '../modules/tenancy/partnership.entity';
import { SessionEntity } from '../modules/tenancy/session.entity';
import { UserEntity } from '../modules/tenancy/user.entity';
import { IdempotencyKeyEntity, OrganizationCounterEntity } from '../modules/tenancy/counter.entities';
import { LoginThrottleEntity } from '../modules/tenancy/login-throttle.entity';
import { SalesDayEntity } from '../modules/demand/sales-day.entity';

/** Every entity, listed explicitly: discovery by folder scanning is slow and breaks under bundlers. */
export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  SessionEntity,
  ApiKeyEntity,
  PartnershipEntity,
  ItemEntity,
  LocationEntity,
  SourcingRuleEntity,
  InventoryPositionEntity,
  SafetyStockEntity,
  OrganizationCounterEntity,
  IdempotencyKeyEntity,
  PurchaseOrderEntity,
  PurchaseOrderLineEntity,
  ScheduleLineEntity,
  ConfirmationEntity,
  ReceiptEntity,
  ShipNoticeEntity,
  ShipNoticeLineEntity,
  ChangeRecordEntity,
  OverdueAlertEntity,
  ForecastVersionEntity,
  ForecastLineEntity,
  ForecastCommitEntity,
  AlertEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  ShortageRiskEntity,
  RiskSnapshotEntity,
  LoginThrottleEntity,
  SalesDayEntity,
  ReallocationProposalEntity,
  SourcingPolicyEntity,
];
