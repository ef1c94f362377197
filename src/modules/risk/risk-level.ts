export enum RiskLevel {
  OK = 'OK',
  AT_RISK = 'AT_RISK',
  STOCKOUT = 'STOCKOUT',
}

/** Sort rank: the most urgent first. */
export const LEVEL_RANK: Record<RiskLevel, number> = { [RiskLevel.STOCKOUT]: 0, [RiskLevel.AT_RISK]: 1, [RiskLevel.OK]: 2 };
