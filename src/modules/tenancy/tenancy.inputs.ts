import { ArrayMaxSize, IsEmail, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { OrganizationKind, Role } from '../../core/tenancy.enums';
import { IsAcceptablePassword } from './password-policy';

@InputType('SignUpInput')
export class SignUpInput {
  @Field()
  @Length(1, 200, { message: 'Organization name must be 1 to 200 characters' })
  organizationName!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field()
  @IsEmail({}, { message: 'Enter a valid email address' })
  @MaxLength(254)
  email!: string;

  @Field()
  @IsAcceptablePassword()
  password!: string;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: 'Enter a valid email address' })
  @MaxLength(254)
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
  @Length(1, 100, { message: 'Name must be 1 to 100 characters' })
  name!: string;

  @Field(() => [String])
  @ArrayMaxSize(20)
  scopes!: string[];
}
