// Bavarian local time from the written-out EU rule, against Node's Intl (full ICU) for every day of several years,
// and the deadlines of issue 12: a Friday deadline stays Friday, 5 January stays before the 6 January holiday.
import { afterBerlinDay, berlinDate, berlinDateTime, berlinInstant, berlinOffsetMinutes, endOfBerlinDay, startOfBerlinDay } from '../../domain/berlin-time';

const intlParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});
/** What a Bavarian wall clock shows at an instant, per Intl: YYYY-MM-DDTHH:MM:SS. */
function intlWallClock(ms: number): string {
  const p = Object.fromEntries(intlParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

const DAYS: string[] = [];
for (let ms = Date.UTC(2024, 0, 1); ms <= Date.UTC(2031, 11, 31); ms += 86_400_000) DAYS.push(new Date(ms).toISOString().slice(0, 10));

it('agrees with Intl on the wall clock of every day of 2024–2031 (start, reminder, end of day)', () => {
  for (const day of DAYS) {
    for (const time of ['00:00:00', '08:00:00', '23:59:59']) {
      expect(intlWallClock(Date.parse(berlinInstant(day, time)))).toBe(`${day}T${time}`);
    }
  }
});

it('agrees with Intl on the date of an instant every hour around each changeover and at noon every day', () => {
  const instants: number[] = DAYS.map((d) => Date.parse(`${d}T12:00:00Z`));
  for (const change of ['2027-03-28', '2027-10-31', '2028-03-26', '2028-10-29']) {
    const at = Date.parse(`${change}T01:00:00Z`);
    for (let h = -30; h <= 30; h++) instants.push(at + h * 3_600_000, at + h * 3_600_000 - 1);
  }
  for (const ms of instants) expect(berlinDate(ms)).toBe(intlWallClock(ms).slice(0, 10));
});

it('changes the offset exactly at 01:00 UTC on the last Sunday of March and of October', () => {
  expect(berlinOffsetMinutes(Date.parse('2027-03-28T00:59:59.999Z'))).toBe(60);
  expect(berlinOffsetMinutes(Date.parse('2027-03-28T01:00:00Z'))).toBe(120);
  expect(berlinOffsetMinutes(Date.parse('2027-10-31T00:59:59.999Z'))).toBe(120);
  expect(berlinOffsetMinutes(Date.parse('2027-10-31T01:00:00Z'))).toBe(60);
});

it('ends a business day at 23:59:59 Bavarian time, in winter and in summer and on both changeover days', () => {
  expect(endOfBerlinDay('2027-01-08')).toBe('2027-01-08T22:59:59.000Z'); // a Friday: still Friday in Bavaria
  expect(berlinDate(endOfBerlinDay('2027-01-08'))).toBe('2027-01-08');
  expect(endOfBerlinDay('2027-01-05')).toBe('2027-01-05T22:59:59.000Z'); // before the 6 January holiday
  expect(berlinDate(endOfBerlinDay('2027-01-05'))).toBe('2027-01-05');
  expect(endOfBerlinDay('2027-03-26')).toBe('2027-03-26T22:59:59.000Z'); // Friday before the March change
  expect(endOfBerlinDay('2027-03-29')).toBe('2027-03-29T21:59:59.000Z'); // Monday after: summer time
  expect(endOfBerlinDay('2027-10-29')).toBe('2027-10-29T21:59:59.000Z'); // Friday before the October change
  expect(endOfBerlinDay('2027-11-01')).toBe('2027-11-01T22:59:59.000Z'); // Monday after: winter time
  expect(startOfBerlinDay('2027-03-28')).toBe('2027-03-27T23:00:00.000Z');
  expect(startOfBerlinDay('2027-10-31')).toBe('2027-10-30T22:00:00.000Z');
  expect(berlinInstant('2027-07-01', '08:00:00')).toBe('2027-07-01T06:00:00.000Z');
});

it('refuses what is not a date', () => {
  expect(() => berlinInstant('2027-13-01', '08:00:00')).toThrow(TypeError);
  expect(() => berlinDate('morgen')).toThrow(TypeError);
});

it('ends a day for "due by" at the next Bavarian midnight, across both changes and the year\'s end', () => {
  expect(afterBerlinDay('2027-03-27')).toBe('2027-03-27T23:00:00.000Z'); // Saturday: the night of the March change
  expect(afterBerlinDay('2027-03-28')).toBe('2027-03-28T22:00:00.000Z'); // a 23-hour day
  expect(afterBerlinDay('2027-10-31')).toBe('2027-10-31T23:00:00.000Z'); // a 25-hour day
  expect(afterBerlinDay('2026-12-31')).toBe('2026-12-31T23:00:00.000Z');
  expect(berlinDate(Date.parse(afterBerlinDay('2027-03-28')) - 1)).toBe('2027-03-28');
});

it('shows an instant as the clocks in Bavaria did, in winter and in summer', () => {
  expect(berlinDateTime('2026-12-07T13:03:59.000Z')).toBe('07.12.2026 14:03');
  expect(berlinDateTime('2027-07-01T22:30:00.000Z')).toBe('02.07.2027 00:30');
  expect(() => berlinDateTime('gestern')).toThrow(TypeError);
});
