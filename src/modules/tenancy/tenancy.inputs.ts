import { IsEmail, IsUUID, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
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
