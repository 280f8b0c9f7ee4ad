// When a task is due, when it reminds and when it goes to the board: whole business days in the Bavarian
// calendar, turned into instants in Bavarian local time (domain/berlin-time.ts).
import type { BusinessCalendar } from './calendar';
import { berlinInstant, endOfBerlinDay, REMINDER_TIME } from './berlin-time';

export interface TaskDeadlines {
  /** end of the due business day, 23:59:59 in Bavaria */
  dueAt: string;
  /** 08:00 in Bavaria on the business day before the due date; none when that would be the opening day */
  remindAt?: string;
  /** end of the business day the board takes over an overdue task */
  boardEscalationAt: string;
}

/**
 * Deadlines of a task opened on the Bavarian date `opened` with an SLA of `slaDays` business days (at least one).
 * The reminder goes out the business day before the due date, but only if that is a later day than the opening
 * day: on the opening day it would arrive with, or even before, the "Neue Aufgabe" mail and tell nothing new.
 */
export function taskDeadlines(calendar: BusinessCalendar, opened: string, slaDays: number, boardEscalationDays: number): TaskDeadlines {
  const due = calendar.addBusinessDays(opened, Math.max(slaDays, 1));
  const remind = calendar.addBusinessDays(opened, Math.max(slaDays - 1, 0));
  const board = calendar.addBusinessDays(due, boardEscalationDays);
  return {
    dueAt: endOfBerlinDay(due),
    ...(remind > opened && remind < due ? { remindAt: berlinInstant(remind, REMINDER_TIME) } : {}),
    boardEscalationAt: endOfBerlinDay(board),
  };
}
