import { IsEmail, IsUUID, Max, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds, EMAIL, NAME } from '../../shared/bounds';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { IsAcceptablePassword } from './password-policy';

@InputType('SignUpInput')
export class SignUpInput {
  @Field()
  @Bounds(NAME)
  @MinLength(1, { message: 'Organization name must not be empty' })
  organizationName!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field()
  @IsEmail({}, { message: 'Enter a valid email address' })
  @Bounds(EMAIL)
  email!: string;

  @Field()
  @IsAcceptablePassword()
  password!: string;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: 'Enter a valid email address' })
  @Bounds(EMAIL)
  email!: string;

  @Field()
  @IsAcceptablePassword()
  password!: string;

  @Field(() => Role)
  role!: Role;
}

@InputType('InvitePartnerInput')
export class InvitePartnerInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'supplierId must be an organization id' })
  supplierId!: string;
}

@InputType('CollaborationRulesInput', { description: 'retailer ADMIN: the rules of one of its partnerships; an omitted field takes its default' })
export class CollaborationRulesInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'partnershipId must be a partnership id' })
  partnershipId!: string;

  @Field(() => Int, { defaultValue: 10, description: 'percent, 0 to 100' })
  @Min(0, { message: 'commitTolerancePercent must be from 0 to 100' })
  @Max(100, { message: 'commitTolerancePercent must be from 0 to 100' })
  commitTolerancePercent!: number;

  @Field(() => Int, { defaultValue: 3, description: 'days, 0 to 365' })
  @Min(0, { message: 'commitDueDays must be from 0 to 365' })
  @Max(365, { message: 'commitDueDays must be from 0 to 365' })
  commitDueDays!: number;

  @Field(() => Int, { defaultValue: 24, description: 'hours, 1 to 8,760 (a year)' })
  @Min(1, { message: 'confirmationDueHours must be from 1 to 8,760' })
  @Max(8760, { message: 'confirmationDueHours must be from 1 to 8,760' })
  confirmationDueHours!: number;
}

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field()
  @Bounds({ maxLength: 100 })
  @MinLength(1, { message: 'Name must not be empty' })
  name!: string;

  @Field(() => [String])
  @Bounds({ maxItems: 20, maxLength: 64 })
  scopes!: string[];
}
