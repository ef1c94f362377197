import { ArrayMaxSize, Length, Matches, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { DecimalScalar } from '../../shared/scalars';

@InputType('CreateItemInput')
export class CreateItemInput {
  @Field()
  @Length(1, 64, { message: 'SKU must be 1 to 64 characters' })
  @Matches(/^\S(.*\S)?$/, { message: 'SKU must not start or end with spaces' })
  sku!: string;

  @Field()
  @Length(1, 200, { message: 'Name must be 1 to 200 characters' })
  name!: string;

  @Field(() => DecimalScalar)
  @Matches(/^\d/, { message: 'Unit price cannot be negative' })
  unitPrice!: string;
}

@InputType('CreateLocationInput')
export class CreateLocationInput {
  @Field()
  @Length(1, 32, { message: 'Code must be 1 to 32 characters' })
  @Matches(/^\S(.*\S)?$/, { message: 'Code must not start or end with spaces' })
  code!: string;

  @Field()
  @Length(1, 200, { message: 'Name must be 1 to 200 characters' })
  name!: string;
}

export const MAX_ITEMS_PER_CALL = 10_000;

@InputType('UpsertItemsInput')
export class UpsertItemsInput {
  @Field(() => [CreateItemInput], { description: 'created, or updated when the SKU exists; at most 10,000 per call' })
  @ArrayMaxSize(MAX_ITEMS_PER_CALL, { message: `At most ${MAX_ITEMS_PER_CALL} items per call` })
  @ValidateNested()
  items!: CreateItemInput[];
}
