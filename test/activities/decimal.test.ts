import { formatDecimalCanonical, formatDecimalGerman, parseDecimal } from '../../activities/decimal';

describe('decimal', () => {
  it.each([
    ['1.234,56', '1234.56'],
    ['1234,56', '1234.56'],
    ['-12,5', '-12.5'],
    ['1234.56', '1234.56'],
    ['1.234', '1234'],
    ['1.234.567,1', '1234567.1'],
    [' 7 ', '7'],
    ['', '0'],
    ['-0,00', '0'],
    ['0,1234560', '0.123456'],
  ])('parses %j as %s', (text, canonical) => {
    expect(formatDecimalCanonical(parseDecimal(text)!)).toBe(canonical);
  });

  it.each(['12a', '1,2,3', '1.23,4', '--1', '0,0000001', 'EUR 5'])('rejects %j', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it('sums exactly and formats German', () => {
    const sum = ['0,1', '0,2', '1.000,005'].map((t) => parseDecimal(t)!).reduce((a, b) => a + b, 0n);
    expect(formatDecimalCanonical(sum)).toBe('1000.305');
    expect(formatDecimalGerman(sum)).toBe('1.000,305');
    expect(formatDecimalGerman(parseDecimal('-1234')!)).toBe('-1.234,00');
  });
});
