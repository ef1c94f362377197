import { IsEmail, IsUUID, Max, Min } from 'class-validator';
import { NotBlank } from '../../shared/validation';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds, EMAIL, NAME } from '../../shared/bounds';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { IsAcceptablePassword } from './password-policy';

@InputType('SignUpInput', { description: 'A new organization and its first user, who becomes its ADMIN.' })
export class SignUpInput {
  @Field({ description: 'the organization\'s name, not empty' })
  @Bounds(NAME)
  @NotBlank('Organization name must not be empty')
  organizationName!: string;

  @Field(() => OrganizationKind, { description: 'RETAILER or SUPPLIER; cannot be changed later' })
  kind!: OrganizationKind;

  @Field({ description: 'the ADMIN\'s sign-in email; BAD_USER_INPUT (field input.email) when already registered' })
  @IsEmail({}, { message: 'Enter a valid email address' })
  @Bounds(EMAIL)
  email!: string;

  @Field({ description: '12 to 200 characters, not only spaces, not a common password (BAD_USER_INPUT on input.password)' })
  @IsAcceptablePassword()
  password!: string;

  @Field(() => String, {
    nullable: true,
    description: 'the organization\'s IANA time zone, e.g. Asia/Shanghai (BAD_USER_INPUT on input.timeZone otherwise); default UTC. "Today" at its '
      + 'locations is counted there unless a location has its own',
  })
  @Bounds(NAME)
  timeZone?: string | null;
}

@InputType('CreateUserInput', { description: 'A new user in the caller\'s organization.' })
export class CreateUserInput {
  @Field({ description: 'the new user\'s sign-in email; BAD_USER_INPUT (field input.email) when already registered' })
  @IsEmail({}, { message: 'Enter a valid email address' })
  @Bounds(EMAIL)
  email!: string;

  @Field({ description: '12 to 200 characters, not only spaces, not a common password' })
  @IsAcceptablePassword()
  password!: string;

  @Field(() => Role, { description: 'a role of the organization\'s kind: ADMIN, BUYER or PLANNER for a retailer; ADMIN or SUPPLIER_REP for a supplier; never INTEGRATION' })
  role!: Role;
}

@InputType('InvitePartnerInput', { description: 'The supplier a retailer invites to partner.' })
export class InvitePartnerInput {
  @Field(() => ID, { description: 'the supplier organization\'s id' })
  @IsUUID('all', { message: 'supplierId must be an organization id' })
  supplierId!: string;
}

@InputType('CollaborationRulesInput', { description: 'retailer ADMIN: the rules of one of its partnerships; an omitted field takes its default' })
export class CollaborationRulesInput {
  @Field(() => ID, { description: 'one of the caller\'s partnerships' })
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

  @Field({ defaultValue: false, description: 'whether the supplier may read the retailer\'s daily sales (sales, forecastAccuracy) of the items it supplies; false (the default) keeps them to the retailer' })
  shareSales!: boolean;
}

@InputType('CreateApiKeyInput', { description: 'A new API key for an integration of the caller\'s organization.' })
export class CreateApiKeyInput {
  @Field({ description: 'a label, 1 to 100 characters' })
  @Bounds({ maxLength: 100 })
  @NotBlank('Name must not be empty')
  name!: string;

  @Field(() => [String], {
    description: 'at most 20 of: read, alerts:read, catalog:write, sourcing:write, inventory:write, forecast:write, orders:write, orders:confirm',
  })

  @Bounds({ maxItems: 20, maxLength: 64 })
  scopes!: string[];
}
