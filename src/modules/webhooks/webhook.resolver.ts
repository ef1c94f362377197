import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Allow, type AccessRule } from '../../core/access';
import type { AuthedContext } from '../../core/context';
import { ArgBounds } from '../../shared/bounds';
import { CURSOR } from '../../shared/bounds';
import { pageSize, toConnection, type ConnectionShape } from '../../shared/connection';
import { WebhookDeliveryStatus } from './webhook.entity';
import type { DeliveryRow } from './webhook.service';
import { CreateWebhookEndpointInput, CreateWebhookEndpointPayload, WebhookDeliveryConnection, WebhookEndpointType } from './webhook.types';

/** DESIGN.md: "An ADMIN registers an endpoint": an organization's ADMIN in person, never an API key (the secret signs its alerts). */
const ADMIN_IN_PERSON: AccessRule = { scope: null, roles: [] };

@Resolver(() => WebhookEndpointType)
export class WebhookResolver {
  @Query(() => [WebhookEndpointType], { description: 'ADMIN only: the organization\'s webhook endpoints (at most 20), oldest first' })
  @Allow(ADMIN_IN_PERSON)
  webhookEndpoints(@Ctx() ctx: AuthedContext): Promise<WebhookEndpointType[]> {
    return ctx.services.webhooks.list(ctx);
  }

  @Query(() => WebhookDeliveryConnection, { description: 'ADMIN only: an endpoint\'s delivery log in alert-cursor order, optionally of one status' })
  @Allow(ADMIN_IN_PERSON)
  @ArgBounds({ after: CURSOR })
  async webhookDeliveries(
    @Ctx() ctx: AuthedContext,
    @Arg('endpointId', () => ID, { description: 'one of the organization\'s endpoints' }) endpointId: string,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true, description: 'only deliveries in this status; null: all' }) status: WebhookDeliveryStatus | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'page size, 1 to 500' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'an edge cursor from a previous page' }) after: string | null,
  ): Promise<ConnectionShape<DeliveryRow>> {
    return toConnection(await ctx.services.webhooks.deliveries(ctx, { endpointId, status, first: pageSize(first), after }));
  }

  @Mutation(() => CreateWebhookEndpointPayload, { description: 'ADMIN only: registers an endpoint for the organization\'s alerts from now on; the secret is shown once' })
  @Allow(ADMIN_IN_PERSON)
  createWebhookEndpoint(@Arg('input', () => CreateWebhookEndpointInput, { description: 'the URL and the alert types' }) input: CreateWebhookEndpointInput, @Ctx() ctx: AuthedContext): Promise<CreateWebhookEndpointPayload> {
    return ctx.services.webhooks.create(ctx, input);
  }

  @Mutation(() => WebhookEndpointType, { description: 'ADMIN only: deletes an endpoint and its delivery log' })
  @Allow(ADMIN_IN_PERSON)
  deleteWebhookEndpoint(@Arg('id', () => ID, { description: 'the endpoint to delete' }) id: string, @Ctx() ctx: AuthedContext): Promise<WebhookEndpointType> {
    return ctx.services.webhooks.delete(ctx, id);
  }

  @Mutation(() => Int, { description: 're-queue every alert after the cursor for this endpoint; returns how many. ADMIN only; also turns a deactivated endpoint on again' })
  @Allow(ADMIN_IN_PERSON)
  @ArgBounds({ after: CURSOR })
  replayWebhookDeliveries(
    @Arg('endpointId', () => ID, { description: 'one of the organization\'s endpoints' }) endpointId: string,
    @Arg('after', () => String, { description: 'an alert cursor: every alert after it is re-queued ("0": all retained)' }) after: string, @Ctx() ctx: AuthedContext): Promise<number> {
    return ctx.services.webhooks.replay(ctx, endpointId, after);
  }
}
