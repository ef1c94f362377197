import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars';
import { OrganizationKind, PartnershipStatus, Role } from '../../core/tenancy.enums';
import { NodeInterface } from '../../shared/node';

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'Which side of the supply chain an organization is on; fixed at sign-up.',
  valuesConfig: {
    RETAILER: { description: 'buys: owns items, locations, inventory, forecasts and purchase orders' },
    SUPPLIER: { description: 'sells: sees what its retailer partners share with it, confirms their order lines and ships against them' },
  },
});
registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do in its organization. INTEGRATION is the role an API key acts with',
  valuesConfig: {
    ADMIN: { description: 'everything its organization may do, plus users, API keys, partnerships and settings' },
    BUYER: { description: 'retailer: purchase orders, receipts, sourcing rules, reallocations' },
    PLANNER: { description: 'retailer: catalog (items, locations), inventory, safety stock, forecasts' },
    SUPPLIER_REP: { description: 'supplier: confirms, rejects and ships order lines, commits to forecasts' },

    INTEGRATION: { description: 'an API key; what it may do is set by its scopes, never assigned to a user' },
  },
});
registerEnumType(PartnershipStatus, {
  name: 'PartnershipStatus',
  description: 'Where a retailer-supplier partnership stands; data is shared only while ACTIVE.',
  valuesConfig: {
    PENDING: { description: 'invited by the retailer, not yet accepted by the supplier' },
    ACTIVE: { description: 'accepted: the retailer may order from the supplier and the supplier sees the shared data' },
    SUSPENDED: { description: 'stopped by the retailer: nothing is shared until it invites again and the supplier accepts' },
  },
});

@ObjectType('Organization', {
  implements: NodeInterface,
  description: 'A company using ShortStop: a retailer or a supplier. Every row of data belongs to one organization (the tenant).',
})
export class OrganizationType {
  @Field(() => ID, { description: 'the organization\'s UUID' })
  id!: string;

  @Field({ description: 'the name given at sign-up' })
  name!: string;

  @Field(() => OrganizationKind, { description: 'RETAILER or SUPPLIER' })
  kind!: OrganizationKind;

  @Field({ description: 'an IANA name, e.g. Asia/Shanghai; default UTC. "Today" at its locations is the local date there unless a location has its own zone' })
  timeZone!: string;
}

@ObjectType('User', { implements: NodeInterface, description: 'A person who signs in with email and password, in exactly one organization.' })
export class UserType {
  @Field(() => ID, { description: 'the user\'s UUID' })
  id!: string;

  @Field({ description: 'the sign-in email, stored in lower case; unique across ShortStop' })
  email!: string;

  @Field(() => Role, { description: 'what the user may do in its organization' })
  role!: Role;

  /** Organization id; the field resolver turns it into an Organization. */
  organization!: string;
}

@ObjectType('AuthPayload', { description: 'A new session: the token to send and the signed-in user.' })
export class AuthPayload {
  @Field({ description: 'send as "Authorization: Bearer <token>" (over graphql-ws: connectionParams.authorization); valid until logout or SESSION_TTL_MINUTES (default 12 hours), then UNAUTHENTICATED' })
  token!: string;

  @Field(() => UserType, { description: 'the user the token signs in as' })
  user!: UserType;
}

@ObjectType('CollaborationRules', { description: 'A partnership\'s rules for forecast commits and confirmations (DESIGN.md, Planning collaboration).' })
export class CollaborationRulesType {
  @Field(() => Int, { description: 'a commit more than this percent below the forecast is an exception' })
  commitTolerancePercent!: number;

  @Field(() => Int, { description: 'days after a forecast version is published by which commits are due' })
  commitDueDays!: number;

  @Field(() => Int, { description: 'hours after issue by which an order line must be confirmed or rejected' })
  confirmationDueHours!: number;

  @Field({ description: 'whether the retailer shares its daily sales of the items this supplier supplies with it (sales, forecastAccuracy); false until set' })
  shareSales!: boolean;
}

@ObjectType('Partnership', {
  implements: NodeInterface,
  description: 'A retailer and a supplier that trade: while ACTIVE, the retailer orders from the supplier and the supplier sees the orders, forecasts and risks it is a source for.',
})
export class PartnershipType {
  @Field(() => ID, { description: 'the partnership\'s UUID' })
  id!: string;

  @Field(() => PartnershipStatus, { description: 'PENDING until the supplier accepts; SUSPENDED when the retailer stops it' })
  status!: PartnershipStatus;

  retailer!: string;
  supplier!: string;
  commitTolerancePercent!: number;
  commitDueDays!: number;
  confirmationDueHours!: number;
  shareSales!: boolean;
}

@ObjectType('ApiKey', {
  implements: NodeInterface,
  description: 'A secret an integration sends instead of a session token ("Authorization: Bearer <secret>"); it acts with role INTEGRATION within its scopes.',
})
export class ApiKeyType {
  @Field(() => ID, { description: 'the key\'s UUID (not the secret)' })
  id!: string;

  @Field({ description: 'a label chosen by the ADMIN who created it; shown as the actor in change history' })
  name!: string;

  @Field(() => [String], { description: 'what the key may do: at most 20 (CreateApiKeyInput.scopes)' })
  scopes!: string[];

  @Field(() => DateTimeScalar, { description: 'when the key was created' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'when a request last authenticated with it, to the minute (written at most once a minute); null if never' })
  lastUsedAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'set once the key is revoked; a revoked key is refused' })
  revokedAt?: Date | null;
}

@ObjectType('CreateApiKeyPayload', { description: 'A new API key and its secret.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKeyType, { description: 'the stored key (without its secret)' })
  apiKey!: ApiKeyType;

  @Field({ description: 'shown once: only a hash is stored, so keep it now; send it as "Authorization: Bearer <secret>"' })

  secret!: string;
}
