// Task deadlines in Bavarian time (issue 12): a Friday deadline is Friday 23:59:59 in Bavaria, 5 January stays
// 5 January before the 6 January holiday, both daylight-saving changes move the instant and not the day, and a
// one-day SLA gets no reminder on its opening day.
import { berlinDate } from '../../domain/berlin-time';
import { BusinessCalendar } from '../../domain/calendar';
import { taskDeadlines } from '../../domain/deadlines';

const cal = new BusinessCalendar(['2027-01-01', '2027-01-06', '2027-03-26', '2027-03-29', '2027-11-01']);

it('is due at the end of a Friday in Bavaria, not on Saturday', () => {
  const d = taskDeadlines(cal, '2027-01-14', 1, 3); // Thursday, one day
  expect(d.dueAt).toBe('2027-01-15T22:59:59.000Z');
  expect(berlinDate(d.dueAt)).toBe('2027-01-15');
  expect(d.boardEscalationAt).toBe('2027-01-20T22:59:59.000Z');
});

it('is due on 5 January in Bavaria, the day before the Epiphany holiday', () => {
  const d = taskDeadlines(cal, '2027-01-04', 1, 3);
  expect(d.dueAt).toBe('2027-01-05T22:59:59.000Z');
  expect(berlinDate(d.dueAt)).toBe('2027-01-05');
  expect(berlinDate(d.boardEscalationAt)).toBe('2027-01-11'); // 6 January is skipped
});

it('ends the day in summer time after the last Sunday of March (over Easter)', () => {
  const d = taskDeadlines(cal, '2027-03-25', 2, 1); // Thursday; Good Friday and Easter Monday are holidays
  expect(d.remindAt).toBe('2027-03-30T06:00:00.000Z'); // 08:00 CEST
  expect(d.dueAt).toBe('2027-03-31T21:59:59.000Z'); // 23:59:59 CEST
  const before = taskDeadlines(cal, '2027-03-24', 1, 1);
  expect(before.dueAt).toBe('2027-03-25T22:59:59.000Z'); // still CET
});

it('ends the day in winter time after the last Sunday of October', () => {
  const friday = taskDeadlines(cal, '2027-10-28', 1, 1);
  expect(friday.dueAt).toBe('2027-10-29T21:59:59.000Z'); // Friday 23:59:59 CEST
  expect(friday.boardEscalationAt).toBe('2027-11-02T22:59:59.000Z'); // Tuesday, CET (1 November is a holiday)
  const over = taskDeadlines(cal, '2027-10-29', 2, 1);
  expect(over.remindAt).toBe('2027-11-02T07:00:00.000Z'); // 08:00 CET
  expect(over.dueAt).toBe('2027-11-03T22:59:59.000Z');
});

it('sends no reminder on the opening day of a one-day task, but the business day before a longer one', () => {
  expect(taskDeadlines(cal, '2027-01-14', 1, 3).remindAt).toBeUndefined();
  expect(taskDeadlines(cal, '2027-01-14', 0, 3).remindAt).toBeUndefined();
  expect(taskDeadlines(cal, '2027-01-14', 2, 3).remindAt).toBe('2027-01-15T07:00:00.000Z');
  // opened on a Saturday: Monday is a later day than the opening day, so Monday's reminder is still news
  expect(taskDeadlines(cal, '2027-01-16', 1, 3)).toMatchObject({ remindAt: '2027-01-18T07:00:00.000Z', dueAt: '2027-01-19T22:59:59.000Z' });
});
