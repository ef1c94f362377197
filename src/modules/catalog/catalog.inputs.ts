import { Matches, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Bounds, NAME, UNIT, UNIT_PATTERN } from '../../shared/bounds';
import { DecimalScalar } from '../../shared/scalars';
import { NotBlank, OneLineKey } from '../../shared/validation';

@InputType('CreateItemInput', { description: 'A new item in the caller retailer\'s catalog.' })
export class CreateItemInput {
  @Field({ description: '1 to 64 characters on one line, no leading or trailing spaces; unique within the retailer (BAD_USER_INPUT otherwise)' })
  @Bounds({ maxLength: 64 })
  @OneLineKey('SKU')
  sku!: string;

  @Field({ description: 'the display name, not empty or only spaces (stored trimmed)' })
  @Bounds(NAME)
  @NotBlank('Name must not be empty')
  name!: string;

  /** 0 to 1,000,000,000 with up to 4 decimals (the Decimal default bound). */
  @Field(() => DecimalScalar, { description: 'selling price per base unit, 0 to 1,000,000,000 with up to 4 decimals, e.g. "12.50"' })
  unitPrice!: string;

  @Field({ defaultValue: 'EA', description: 'the base unit every quantity of the item counts in: letters, digits and _ (EA, KG_1, L)' })
  @Bounds(UNIT)
  @Matches(UNIT_PATTERN, { message: 'A unit of measure is 1 to 16 letters, digits or _ (e.g. EA, CS, KG_1)' })
  unitOfMeasure!: string;
}

@InputType('CreateLocationInput', { description: 'A new location of the caller retailer.' })
export class CreateLocationInput {
  @Field({ description: '1 to 32 characters on one line, no leading or trailing spaces; unique within the retailer (BAD_USER_INPUT otherwise)' })
  @Bounds({ maxLength: 32 })
  @OneLineKey('Code')
  code!: string;

  @Field({ description: 'the display name, not empty or only spaces (stored trimmed)' })
  @Bounds(NAME)
  @NotBlank('Name must not be empty')
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'where "today" is counted for this location: an IANA name, e.g. America/Los_Angeles (BAD_USER_INPUT on input.timeZone otherwise); '
      + 'null: the organization\'s, following it when it changes',
  })
  @Bounds(NAME)
  timeZone?: string | null;
}

export const MAX_ITEMS_PER_CALL = 10_000;

@InputType('UpsertItemsInput', { description: 'A batch of items to create or update by SKU, all or nothing.' })

export class UpsertItemsInput {
  @Field(() => [CreateItemInput], { description: 'created, or updated when the SKU exists; at most 10,000 per call' })
  @Bounds({ maxItems: MAX_ITEMS_PER_CALL })
  @ValidateNested()
  items!: CreateItemInput[];
}
