import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars';
import { OrganizationKind, PartnershipStatus, Role } from '../../core/tenancy.enums';
import { NodeInterface } from '../../shared/node';

registerEnumType(OrganizationKind, { name: 'OrganizationKind' });
registerEnumType(Role, { name: 'Role', description: 'INTEGRATION is the role an API key acts with' });
registerEnumType(PartnershipStatus, { name: 'PartnershipStatus' });

@ObjectType('Organization', { implements: NodeInterface })
export class OrganizationType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;
}

@ObjectType('User', { implements: NodeInterface })
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => Role)
  role!: Role;

  /** Organization id; the field resolver turns it into an Organization. */
  organization!: string;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field({ description: 'send as "Authorization: Bearer <token>"' })
  token!: string;

  @Field(() => UserType)
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
}

@ObjectType('Partnership', { implements: NodeInterface })
export class PartnershipType {
  @Field(() => ID)
  id!: string;

  @Field(() => PartnershipStatus)
  status!: PartnershipStatus;

  retailer!: string;
  supplier!: string;
  commitTolerancePercent!: number;
  commitDueDays!: number;
  confirmationDueHours!: number;
}

@ObjectType('ApiKey', { implements: NodeInterface })
export class ApiKeyType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [String], { description: 'what the key may do: at most 20 (CreateApiKeyInput.scopes)' })
  scopes!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'set once the key is revoked; a revoked key is refused' })
  revokedAt?: Date | null;
}

@ObjectType('CreateApiKeyPayload')
export class CreateApiKeyPayload {
  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;

  @Field({ description: 'shown once' })
  secret!: string;
}
