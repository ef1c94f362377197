import { registerEnumType } from 'type-graphql';

/** How a baseline forecast is made from sales history (DESIGN.md, "Demand"); the pure methods are in src/modules/demand/baseline.ts. */
export enum ForecastMethod {
  AUTO = 'AUTO',
  SES = 'SES',
  HOLT = 'HOLT',
  CROSTON = 'CROSTON',
  SEASONAL_NAIVE = 'SEASONAL_NAIVE',
}

registerEnumType(ForecastMethod, {
  name: 'ForecastMethod',
  description: 'A baseline forecasting method on weekly sales (DESIGN.md, "Demand: sales history, a baseline forecast, forecast accuracy").',
  valuesConfig: {
    AUTO: { description: 'the applicable method with the lowest WAPE on the last 4 weeks of history when fitted without them (ties: SES, HOLT, CROSTON, SEASONAL_NAIVE); SES under 8 weeks' },
    SES: { description: 'simple exponential smoothing: a level, alpha on 0.05..0.95 by least squares; a flat forecast' },
    HOLT: { description: 'Holt\'s additive trend: level and trend, alpha and beta on 0.05..0.95 by least squares; needs 4 weeks' },
    CROSTON: { description: 'Croston with the SBA correction, for intermittent demand: smoothed non-zero sizes over smoothed intervals (alpha 0.1) x 0.95' },
    SEASONAL_NAIVE: { description: 'the same week a year (52 weeks) earlier; needs 52 weeks' },
  },
});
