// The configured blocked windows for cutovers. Recurring rules follow municipal practice; election dates must be
// kept current by the operator (BLOCKED_WINDOWS_FILE may replace the whole list with a JSON array of rules).
import fs from 'node:fs';
import { expandWindows, type WindowRule } from '../domain/blocked-windows';
import type { PlanSettings } from '../domain/plan';
import type { Config } from './env';

const ELECTION_SYSTEMS = ['ok-ewo', 'ok-ewo-wahl', 'ok-vote', 'vois-meldewesen'];
const PAYROLL_SYSTEMS = ['ok-pws', 'zeiterfassung'];

export const DEFAULT_WINDOW_RULES: WindowRule[] = [
  { kind: 'yearly', from: '12-01', to: '01-31', reason: 'Jahresabschluss und Haushaltsaufstellung', categories: ['Finanzen', 'Bauen/Finanzen'] },
  { kind: 'monthly', from: '15', to: '25', reason: 'Lohn- und Gehaltsabrechnungslauf', verfahren: PAYROLL_SYSTEMS },
  { kind: 'beforeDate', date: '2028-10-08', days: 56, reason: 'Landtags- und Bezirkswahl Bayern (Termin bitte pflegen)', verfahren: ELECTION_SYSTEMS },
  { kind: 'beforeDate', date: '2029-06-10', days: 56, reason: 'Europawahl (Termin bitte pflegen)', verfahren: ELECTION_SYSTEMS },
  { kind: 'beforeDate', date: '2029-09-23', days: 56, reason: 'Bundestagswahl (Termin bitte pflegen)', verfahren: ELECTION_SYSTEMS },
];

/** Plan settings from configuration: blocked windows of the coming years and the board escalation delay. */
export function planSettingsFrom(config: Pick<Config, 'BLOCKED_WINDOWS_FILE' | 'BOARD_ESCALATION_DAYS'>): (startDate: string) => PlanSettings {
  const rules = loadWindowRules(config.BLOCKED_WINDOWS_FILE);
  return (startDate) => ({
    windows: expandWindows(rules, Number(startDate.slice(0, 4)), 4),
    boardEscalationDays: config.BOARD_ESCALATION_DAYS,
  });
}

export function loadWindowRules(file?: string): WindowRule[] {
  if (!file) return DEFAULT_WINDOW_RULES;
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`BLOCKED_WINDOWS_FILE ${file}: a JSON array of rules expected`);
  return parsed as WindowRule[];
}
