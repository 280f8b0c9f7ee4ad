// Blocked windows for cutovers: recurring rules of municipal practice and dated events such as elections,
// expanded into concrete periods where a plan is resolved. The operator maintains the dated ones (config/).
import type { BlockedWindow, Verfahren } from './types';

export interface RecurringWindowRule {
  kind: 'yearly' | 'monthly';
  /** yearly: MM-DD; monthly: day of month */
  from: string;
  to: string;
  reason: string;
  verfahren?: string[];
  categories?: string[];
}

export interface DatedWindowRule {
  kind: 'beforeDate';
  date: string;
  /** days before the date (inclusive of the date itself) */
  days: number;
  reason: string;
  verfahren?: string[];
  categories?: string[];
}

export type WindowRule = RecurringWindowRule | DatedWindowRule;

const pad = (n: number) => String(n).padStart(2, '0');

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Concrete windows for `years` years from `fromYear` (a window over New Year spans two years). */
export function expandWindows(rules: WindowRule[], fromYear: number, years: number): BlockedWindow[] {
  const out: BlockedWindow[] = [];
  for (const rule of rules) {
    const match = { ...(rule.verfahren ? { verfahren: rule.verfahren } : {}), ...(rule.categories ? { categories: rule.categories } : {}) };
    if (rule.kind === 'beforeDate') {
      out.push({ from: addDays(rule.date, -rule.days), to: rule.date, reason: rule.reason, ...match });
      continue;
    }
    for (let y = fromYear - 1; y < fromYear + years; y++) {
      if (rule.kind === 'yearly') {
        const wraps = rule.to < rule.from;
        out.push({ from: `${y}-${rule.from}`, to: `${wraps ? y + 1 : y}-${rule.to}`, reason: rule.reason, ...match });
      } else {
        for (let m = 1; m <= 12; m++) {
          out.push({ from: `${y}-${pad(m)}-${pad(Number(rule.from))}`, to: `${y}-${pad(m)}-${pad(Number(rule.to))}`, reason: rule.reason, ...match });
        }
      }
    }
  }
  return out.sort((a, b) => a.from.localeCompare(b.from));
}

export function windowsFor(verfahren: Verfahren | undefined, windows: BlockedWindow[] = []): BlockedWindow[] {
  if (!verfahren) return [];
  return windows.filter(
    (w) => (w.verfahren?.includes(verfahren.id) ?? false) || (w.categories?.includes(verfahren.category) ?? false),
  );
}

/** The window `date` falls into, if any (the latest-ending one when windows overlap). */
export function blockingWindow(date: string, windows: BlockedWindow[] = []): BlockedWindow | undefined {
  return windows.filter((w) => w.from <= date && date <= w.to).sort((a, b) => b.to.localeCompare(a.to))[0];
}
