import { Matches, MinLength, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Bounds, NAME } from '../../shared/bounds';
import { DecimalScalar } from '../../shared/scalars';

@InputType('CreateItemInput')
export class CreateItemInput {
  @Field()
  @Bounds({ maxLength: 64 })
  @MinLength(1, { message: 'SKU must not be empty' })
  @Matches(/^\S(.*\S)?$/, { message: 'SKU must not start or end with spaces' })
  sku!: string;

  @Field()
  @Bounds(NAME)
  @MinLength(1, { message: 'Name must not be empty' })
  name!: string;

  /** 0 to 1,000,000,000 with up to 4 decimals (the Decimal default bound). */
  @Field(() => DecimalScalar)
  unitPrice!: string;
}

@InputType('CreateLocationInput')
export class CreateLocationInput {
  @Field()
  @Bounds({ maxLength: 32 })
  @MinLength(1, { message: 'Code must not be empty' })
  @Matches(/^\S(.*\S)?$/, { message: 'Code must not start or end with spaces' })
  code!: string;

  @Field()
  @Bounds(NAME)
  @MinLength(1, { message: 'Name must not be empty' })
  name!: string;
}

export const MAX_ITEMS_PER_CALL = 10_000;

@InputType('UpsertItemsInput')
export class UpsertItemsInput {
  @Field(() => [CreateItemInput], { description: 'created, or updated when the SKU exists; at most 10,000 per call' })
  @Bounds({ maxItems: MAX_ITEMS_PER_CALL })
  @ValidateNested()
  items!: CreateItemInput[];
}
