// Exact decimal amounts for reconciliation: sums of thousands of amounts must match to the cent, so values are
// held as integers scaled by 10^6 (bigint) instead of floating point.

export const DECIMAL_SCALE = 6;
const FACTOR = 10n ** BigInt(DECIMAL_SCALE);

const GERMAN = /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
const DOT_DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses "1.234,56", "1234,56", "-12,5", "1234.56" or "1234" into units of 10^-6. A dot followed by groups of
 * exactly three digits and no comma ("1.234") is read as a German thousands separator, since the exports are
 * German. Empty text counts as zero. Returns undefined for anything else.
 */
export function parseDecimal(text: string): bigint | undefined {
  const s = text.trim().replace(/\s/g, '');
  if (s === '') return 0n;
  let sign: string;
  let intPart: string;
  let frac: string;
  const german = GERMAN.exec(s);
  const dotted = german ? null : DOT_DECIMAL.exec(s);
  if (german) {
    [, sign, intPart, frac = ''] = german;
    intPart = intPart.replace(/\./g, '');
  } else if (dotted) {
    [, sign, intPart, frac = ''] = dotted;
  } else {
    return undefined;
  }
  if (frac.length > DECIMAL_SCALE) {
    if (/[^0]/.test(frac.slice(DECIMAL_SCALE))) return undefined;
    frac = frac.slice(0, DECIMAL_SCALE);
  }
  const value = BigInt(intPart) * FACTOR + BigInt(frac.padEnd(DECIMAL_SCALE, '0'));
  return sign === '-' ? -value : value;
}

function split(value: bigint): { sign: string; int: string; frac: string } {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return {
    sign: negative ? '-' : '',
    int: (abs / FACTOR).toString(),
    frac: (abs % FACTOR).toString().padStart(DECIMAL_SCALE, '0'),
  };
}

function trimFraction(frac: string, minDecimals: number): string {
  let f = frac.replace(/0+$/, '');
  if (f.length < minDecimals) f = f.padEnd(minDecimals, '0');
  return f;
}

/** Canonical machine form: "1234.5", "-3", "0". Equal amounts always give equal text. */
export function formatDecimalCanonical(value: bigint): string {
  const { sign, int, frac } = split(value);
  const f = trimFraction(frac, 0);
  return `${value === 0n ? '' : sign}${int}${f ? `.${f}` : ''}`;
}

/** German display form with at least two decimals: "1.234,50". */
export function formatDecimalGerman(value: bigint): string {
  const { sign, int, frac } = split(value);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value === 0n ? '' : sign}${grouped},${trimFraction(frac, 2)}`;
}
