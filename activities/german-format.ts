// German number formatting done by hand: Intl output varies with the ICU build (e.g. narrow no-break spaces),
// and summaries are compared in tests and shown verbatim.

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function formatInteger(n: number | bigint): string {
  const s = n.toString();
  return s.startsWith('-') ? `-${groupThousands(s.slice(1))}` : groupThousands(s);
}

/** 1234567 cents → "12.345,67 €" */
export function formatEurCents(cents: number | bigint): string {
  const value = BigInt(cents);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const euros = groupThousands((abs / 100n).toString());
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${euros},${rest} €`;
}
