import { IsUUID, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Bounds } from '../../shared/bounds';
import { DateScalar } from '../../shared/scalars';
import { MAX_COMMIT_LINES } from './forecast-commit.service';

@InputType('ForecastCommitLineInput', { description: 'one forecast line (item x location x period of the version) and the quantity committed for it' })
export class ForecastCommitLineInput {
  @Field(() => ID, { description: 'the forecast line\'s item' })
  @IsUUID('all', { message: 'itemId must be an item id' })
  itemId!: string;

  @Field(() => ID, { description: 'the forecast line\'s location' })
  @IsUUID('all', { message: 'locationId must be a location id' })
  locationId!: string;

  @Field(() => DateScalar, { description: 'the periodStart of the forecast line' })
  periodStart!: string;

  /** 0 to 1,000,000,000 base units over the line's period (the Int default bound). */
  @Field(() => Int, { description: 'base units over the line\'s period, 0 to 1,000,000,000' })
  quantity!: number;
}

@InputType('CommitForecastInput', { description: 'supplier side: what it commits to supply against a forecast version of one retailer' })
export class CommitForecastInput {
  @Field(() => ID, { description: 'the retailer whose forecast is committed against: an ACTIVE partner of the caller (NOT_FOUND on input.retailerId otherwise)' })
  retailerId!: string;

  @Field(() => Int, { description: 'the retailer\'s newest version (a replaced one is refused)' })
  forecastVersion!: number;

  @Field(() => [ForecastCommitLineInput], { description: `1 to ${MAX_COMMIT_LINES.toLocaleString('en-US')} lines, each at most once` })
  @Bounds({ maxItems: MAX_COMMIT_LINES })
  @ValidateNested()
  lines!: ForecastCommitLineInput[];
}
