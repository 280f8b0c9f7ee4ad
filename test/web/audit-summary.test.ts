// The run page's Protokoll line (web/src/lib/audit-summary.ts): codes as people read them — a moved forecast's dates
// in German like the rest of the line, health and phases by name.
import type { AuditEvent } from '../../web/src/api/types';
import { auditSummary } from '../../web/src/lib/audit-summary';

const event = (type: string, data: Record<string, unknown>) => ({ runId: 'onboarding-09181130', seq: 7, at: '2026-12-06T10:00:00Z', type, data }) as unknown as AuditEvent;
const line = (e: AuditEvent) => auditSummary(e, (id) => `Schritt ${id}`, (id) => id ?? '', (id) => `Phase ${id}`);

it('shows a moved forecast\'s dates in German', () => {
  const moved = event('run.forecastMoved', { before: '2027-06-21', after: '2027-05-21', days: -20, text: 'Prognose −20 Arbeitstage' });
  expect(line(moved)).toBe('Prognose −20 Arbeitstage · 21.06.2027 → 21.05.2027');
});

it('names health and phases instead of their codes', () => {
  expect(line(event('run.healthChanged', { before: 'green', after: 'red' }))).toBe('Im Plan → Verzug');
  expect(line(event('run.phaseChanged', { before: 'recht', after: 'netz' }))).toBe('Phase recht → Phase netz');
});

it('shows a forecast that moved alone, by days, beside the unchanged progress', () => {
  expect(line(event('run.progressed', { progress: 12 }))).toBe('Fortschritt 12 %');
  expect(line(event('run.progressed', { progress: 12, projectedGoLive: '2027-09-06' }))).toBe('Fortschritt 12 % · Prognose 06.09.2027');
});

it('names a paper by its kind and its step, and a message by whom it went to', () => {
  expect(line(event('document.uploaded', { documentId: 'd1', kind: 'vertrag', stepId: 'vertrag' }))).toBe('Schritt vertrag · Vertrag');
  expect(line(event('document.uploaded', { documentId: 'd2', kind: 'avv-vorlage' }))).toBe('AVV – Vorlage zur Unterschrift');
  expect(line(event('document.deleted', { documentId: 'd3' }))).toBe('ohne Art');
  expect(line(event('message.posted', { messageId: 'm1', side: 'gemeinde' }))).toBe('an die Projektleitung');
  expect(line(event('message.posted', { messageId: 'm2', side: 'ku' }))).toBe('an die Gemeinde');
});
