import { formatDecimal } from './scalars';

const SCALE = 10_000n;

/** Exact decimal arithmetic on the 4-decimal strings money is stored as (never floats). */
export function toScaled(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [int, frac = ''] = amount.replace('-', '').split('.');
  const value = BigInt(int || '0') * SCALE + BigInt((frac + '0000').slice(0, 4));
  return negative ? -value : value;
}

export function fromScaled(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / SCALE}.${String(abs % SCALE).padStart(4, '0')}`;
  return formatDecimal(negative ? `-${text}` : text);
}

/** quantity x unit price, exactly. */
export const times = (unitPrice: string, quantity: number): string => fromScaled(toScaled(unitPrice) * BigInt(quantity));
