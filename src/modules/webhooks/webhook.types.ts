import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Bounds, FREE_TEXT } from '../../shared/bounds';
import { connectionType } from '../../shared/connection';
import { NodeInterface } from '../../shared/node';
import { DateTimeScalar } from '../../shared/scalars';
import { AlertType } from '../alerts/alert-type';
import { AlertObject } from '../alerts/alert.types';
import type { AlertRow } from '../alerts/alert-row';
import { WebhookDeliveryStatus } from './webhook.entity';

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: queued or being retried; DELIVERED: the receiver answered 2xx; FAILED: given up after 24 hours of failures (the endpoint was deactivated)',
  valuesConfig: {
    PENDING: { description: 'queued, or failed and waiting for its retry (exponential backoff); it holds the deliveries behind it' },
    DELIVERED: { description: 'the receiver answered 2xx' },
    FAILED: { description: 'still failing 24 hours after its first failure: given up, and the endpoint was deactivated' },
  },
});

@ObjectType('WebhookEndpoint', { implements: NodeInterface, description: 'Where an organization\'s alerts are POSTed, signed (README "Webhooks")' })
export class WebhookEndpointType {
  @Field(() => ID, { description: 'the endpoint\'s id (deleteWebhookEndpoint, webhookDeliveries, replayWebhookDeliveries)' })
  id!: string;

  @Field({ description: 'https in production; never a private, loopback or link-local address there' })
  url!: string;

  @Field(() => [AlertType], { nullable: true, description: 'the alert types delivered (at most one of each); null = every type' })
  types?: AlertType[] | null;

  @Field({ description: 'false once deliveries failed for 24 hours; replayWebhookDeliveries turns it on again' })
  active!: boolean;

  @Field(() => DateTimeScalar, { description: 'when it was registered: alerts committed after it are delivered' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'the last successful delivery' })
  lastDeliveryAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'the last failure (HTTP status or connection error); null after a success' })
  lastError?: string | null;
}

@ObjectType('CreateWebhookEndpointPayload', { description: 'The endpoint registered and its signing secret, shown only here' })
export class CreateWebhookEndpointPayload {
  @Field(() => WebhookEndpointType, { description: 'the endpoint registered' })
  endpoint!: WebhookEndpointType;

  @Field({ description: 'shown once: the HMAC-SHA256 key of the ShortStop-Signature header' })
  secret!: string;
}

@ObjectType('WebhookDelivery', { implements: NodeInterface, description: 'One alert to one endpoint; its id is the ShortStop-Delivery-Id header (the same on every retry)' })
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'sent as the ShortStop-Delivery-Id header: receivers deduplicate on it' })
  id!: string;

  @Field(() => AlertObject, { description: 'the alert delivered (its cursor orders the log)' })
  alert!: AlertRow;

  @Field(() => WebhookDeliveryStatus, { description: 'PENDING, DELIVERED or FAILED' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'attempts made since it was (re)queued' })
  attempts!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'the last attempt; null before the first' })
  lastAttemptAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'the HTTP status of the last attempt; null when no response came' })
  responseStatus?: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'when a PENDING delivery that failed is tried again' })
  nextAttemptAt?: Date | null;
}

export const WebhookDeliveryConnection = connectionType('WebhookDelivery', WebhookDeliveryType);

@InputType('CreateWebhookEndpointInput', { description: 'A webhook endpoint to register (README "Webhooks")' })
export class CreateWebhookEndpointInput {
  @Bounds(FREE_TEXT)
  @Field({ description: 'where to POST: https (in production), at most 2,000 characters' })
  url!: string;

  @Field(() => [AlertType], { nullable: true, description: 'the alert types to deliver; null or left out = every type; an empty list is refused (BAD_USER_INPUT on input.types)' })
  types?: AlertType[] | null;
}
