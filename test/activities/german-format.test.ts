import { formatEurCents, formatInteger } from '../../activities/german-format';

describe('german-format', () => {
  it('formats cents as German EUR amounts', () => {
    expect(formatEurCents(1_234_567)).toBe('12.345,67 €');
    expect(formatEurCents(5)).toBe('0,05 €');
    expect(formatEurCents(-100_000)).toBe('-1.000,00 €');
    expect(formatInteger(1234567)).toBe('1.234.567');
    expect(formatInteger(-999)).toBe('-999');
  });
});
