// German names for the API's codes. The API speaks in stable identifiers; people read these.
import type { DeviceStepState, Health, ProcessId, Role, RunStatus, StepKind, StepState, TaskState } from '../api/types';

export const ROLE_LABELS: Record<Role, string> = {
  vorstand: 'Vorstand',
  bereichsleitung: 'Bereichsleitung',
  projektleitung: 'Projektleitung',
  netzwerk: 'Netzwerk',
  arbeitsplatz: 'Arbeitsplatz',
  verfahren: 'Verfahren',
  datenschutz: 'Datenschutz',
  isb: 'Informationssicherheit',
  gemeinde: 'Gemeinde',
  admin: 'Administration',
};

export const roleLabel = (r: string): string => ROLE_LABELS[r as Role] ?? r;
export const rolesLabel = (rs: readonly string[]): string => rs.map(roleLabel).join(', ');

export const PROCESS_LABELS: Record<ProcessId, string> = {
  'gemeinde-onboarding': 'Gemeinde-Onboarding',
  'verfahren-migration': 'Verfahrensmigration',
  'arbeitsplatz-rollout': 'Arbeitsplatz-Rollout',
};
export const processLabel = (p: string): string => PROCESS_LABELS[p as ProcessId] ?? p;

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  running: 'läuft',
  completed: 'abgeschlossen',
  cancelled: 'abgebrochen',
  failed: 'fehlgeschlagen',
};
export const runStatusLabel = (s: string): string => RUN_STATUS_LABELS[s as RunStatus] ?? s;

export const STEP_STATE_LABELS: Record<StepState, string> = {
  pending: 'geplant',
  ready: 'bereit',
  active: 'in Arbeit',
  done: 'erledigt',
  skipped: 'übersprungen',
  failed: 'gestört',
};

export const STEP_KIND_LABELS: Record<StepKind, string> = {
  manual: 'Aufgabe',
  automated: 'automatisch',
  wait: 'Wartezeit',
  external: 'extern',
  child: 'Teilvorgänge',
};

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  open: 'offen',
  review: 'wartet auf Freigabe',
  done: 'erledigt',
  cancelled: 'entfallen',
};

export const HEALTH_LABELS: Record<Health, string> = {
  green: 'Im Plan',
  amber: 'Gefährdet',
  red: 'Verzug',
};

export const VARIANT_LABELS: Record<string, string> = {
  dienstleistung: 'Dienstleistung (Zweckvereinbarung)',
  mitglied: 'Mitglied (Satzungsänderung)',
};

/** Enum values of task forms that read better spelled out; anything not listed is shown as it is. */
export const ENUM_LABELS: Record<string, string> = {
  keins: 'Kein ISMS',
  isis12: 'ISIS12',
  grundschutz: 'BSI IT-Grundschutz',
  iso27001: 'ISO 27001 (auf Basis IT-Grundschutz)',
  rechenzentrum: 'Rechenzentrum',
  lokal: 'lokal in der Gemeinde',
  saas: 'Software as a Service',
  go: 'Go',
};

export const EVENT_LABELS: Record<string, string> = {
  'run.started': 'Vorgang gestartet',
  'run.completed': 'Vorgang abgeschlossen',
  'run.cancelled': 'Vorgang abgebrochen',
  'run.failed': 'Vorgang fehlgeschlagen',
  'run.phaseChanged': 'Phase gewechselt',
  'run.healthChanged': 'Status geändert',
  'run.progressed': 'Fortschritt',
  'run.forecastMoved': 'Prognose verschoben',
  'document.uploaded': 'Dokument hochgeladen',
  'document.deleted': 'Dokument gelöscht',
  'message.posted': 'Nachricht geschrieben',
  'step.started': 'Schritt begonnen',
  'step.done': 'Schritt erledigt',
  'step.failed': 'Schritt gestört',
  'step.skipped': 'Schritt übersprungen',
  'step.retried': 'Schritt wiederholt',
  'step.reopened': 'Schritt wieder geöffnet',
  'step.compensated': 'Schritt rückgängig gemacht',
  'step.held': 'Schritt zurückgestellt',
  'task.opened': 'Aufgabe geöffnet',
  'task.claimed': 'Aufgabe übernommen',
  'task.unclaimed': 'Aufgabe freigegeben',
  'task.assigned': 'Aufgabe zugewiesen',
  'task.returned': 'Aufgabe zurückgegeben',
  'task.commented': 'Kommentar',
  'task.submitted': 'Zur Freigabe eingereicht',
  'task.approved': 'Freigabe erteilt',
  'task.rejected': 'Freigabe abgelehnt',
  'task.completed': 'Aufgabe erledigt',
  'task.cancelled': 'Aufgabe entfallen',
  'task.reminded': 'Erinnerung verschickt',
  'task.escalated': 'Eskaliert',
  'run.targetMoved': 'Zieltermin geändert',
  'run.leadChanged': 'Projektleitung gewechselt',
  'run.verfahrenAdded': 'Verfahren hinzugefügt',
  'run.verfahrenRemoved': 'Verfahren entfernt',
};

/** A device's state in a per-device step. The API's CSV exports use domain/device-steps.ts; the web cannot import
 * it (it reaches the API over HTTP only), so test/web/labels.test.ts holds the two copies equal. */
export const DEVICE_STATE_LABELS: Record<DeviceStepState, string> = {
  pending: 'offen',
  done: 'erledigt',
  failed: 'fehlgeschlagen (Nacharbeit)',
  excluded: 'ausgenommen',
};

/**
 * The kind of the draft the KU sends out to be signed (the contract, the AVV): the signed paper's kind with a suffix,
 * so that a draft never counts as the signed paper a step needs. The portal offers it beside the paper's upload.
 * Kinds and labels are the API's (domain/document-kinds.ts); test/web/labels.test.ts holds the two equal.
 */
export const templateKind = (kind: string) => `${kind}-vorlage`;

export const KIND_LABELS: Record<string, string> = {
  angebot: 'Angebot',
  vertrag: 'Vertrag',
  [templateKind('vertrag')]: 'Vertrag – Vorlage zur Unterschrift',
  avv: 'AVV',
  [templateKind('avv')]: 'AVV – Vorlage zur Unterschrift',
  beschluss: 'Gemeinderatsbeschluss',
  abnahmeprotokoll: 'Abnahmeprotokoll',
  [templateKind('abnahmeprotokoll')]: 'Abnahmeprotokoll – Vorlage zur Unterschrift',
  vernichtungsnachweis: 'Vernichtungsnachweis',
  sonstiges: 'Sonstiges',
};
