// The UI's counts of days in words: singular and plural, whatever the sign.
import { formatBusinessDays, formatDays, formatHours } from '../../web/src/lib/format';

it('says "1 Tag" and "1 Arbeitstag", and the plural for every other count', () => {
  expect([1, -1, 2, 0].map(formatDays)).toEqual(['1 Tag', '1 Tag', '2 Tage', '0 Tage']);
  expect([1, -1, 12].map(formatBusinessDays)).toEqual(['1 Arbeitstag', '1 Arbeitstag', '12 Arbeitstage']);
});

it('writes hours with a decimal comma, to a tenth, and whole hours without one', () => {
  expect([1.5, 12, 12.5, 1.6666, 0.04, 1234.5].map(formatHours)).toEqual(['1,5', '12', '12,5', '1,7', '0', '1.234,5']);
});
