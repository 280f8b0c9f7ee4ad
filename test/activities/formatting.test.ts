import { formatEurCents, formatInteger } from '../../activities/german-format';
import { formatDecimalCanonical, formatDecimalGerman, parseDecimal } from '../../activities/decimal';
import { slugify, transliterateGerman } from '../../activities/transliterate';

describe('german-format', () => {
  it('formats cents as German EUR amounts', () => {
    expect(formatEurCents(1_234_567)).toBe('12.345,67 €');
    expect(formatEurCents(5)).toBe('0,05 €');
    expect(formatEurCents(-100_000)).toBe('-1.000,00 €');
    expect(formatInteger(1234567)).toBe('1.234.567');
    expect(formatInteger(-999)).toBe('-999');
  });
});

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

describe('transliterate', () => {
  it('spells umlauts out and drops other diacritics', () => {
    expect(transliterateGerman('Jürgen Weiß-Öztürk')).toBe('Juergen Weiss-Oeztuerk');
    expect(transliterateGerman('Žaneta Dvořáková, François, Łukasz')).toBe('Zaneta Dvorakova, Francois, Lukasz');
    // decomposed "u" + combining diaeresis is still an ü
    expect(transliterateGerman('Mu\u0308ller')).toBe('Mueller');
    expect(slugify('Dießen am Ammersee')).toBe('diessen-am-ammersee');
  });
});
