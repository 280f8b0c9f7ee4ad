// The acceptance protocol (Abnahmeprotokoll) as a PDF: made when an acceptance task (form `abnahme`) is completed,
// from that event — who approved in which role and when, the acceptance date and open defects — and stored as a
// document of the run. The event recorder (activities/events.ts) calls it after the event is in the audit log, so
// the workflow needs no change; a retried delivery stores nothing twice (the document id is the event's).
import type { DomainEvent, RunSnapshot } from '../domain/events';
import { ROLE_TITLES } from '../domain/role-titles';
import type { Role } from '../domain/types';
import type { DocumentStore } from '../store/store';
import { finishPdf, germanDate, germanDateTime, row, startPdf } from './pdf-layout';

export interface AcceptancePdfInput {
  runId: string;
  ags: string;
  gemeindeName: string;
  runTitle: string;
  stepTitle: string;
  approvals: { user: string; role: Role; at: string }[];
  /** the form's values: abnahmeDatum, maengel */
  data: Record<string, unknown>;
  at: Date;
  nameOf: (userId: string) => string | undefined;
}

export function renderAcceptancePdf(input: AcceptancePdfInput): Promise<Buffer> {
  const doc = startPdf(`Abnahmeprotokoll ${input.gemeindeName}`, input.runTitle, input.at);
  doc.font('Helvetica').fontSize(10).text(`Gemeinde ${input.gemeindeName}`);
  doc.text(`Amtlicher Gemeindeschlüssel ${input.ags}`);
  doc.moveDown(1);
  doc.text(`Datum: ${germanDate(input.at)}`, { align: 'right' });
  doc.text(`Vorgang: ${input.runId}`, { align: 'right' });
  doc.moveDown(1);
  doc.font('Helvetica-Bold').fontSize(14).text('Abnahmeprotokoll');
  doc.font('Helvetica').fontSize(11).text(input.runTitle);
  doc.moveDown(1);

  const date = typeof input.data.abnahmeDatum === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input.data.abnahmeDatum)
    ? germanDate(new Date(`${input.data.abnahmeDatum}T12:00:00Z`)) : '–';
  const defects = typeof input.data.maengel === 'string' && input.data.maengel.trim() ? input.data.maengel.trim() : 'keine';
  row(doc, [{ text: 'Abgenommener Schritt', width: 160 }, { text: input.stepTitle, width: 300 }]);
  row(doc, [{ text: 'Abnahmedatum', width: 160 }, { text: date, width: 300 }]);
  row(doc, [{ text: 'Offene Mängel', width: 160 }, { text: defects, width: 300 }]);
  doc.moveDown(1);

  doc.font('Helvetica-Bold').fontSize(11).text('Abnahme im Vier-Augen-Prinzip');
  doc.moveDown(0.3);
  row(doc, [{ text: 'Person', width: 180 }, { text: 'Funktion', width: 140 }, { text: 'Zugestimmt am', width: 140 }], true);
  for (const a of input.approvals) {
    const name = input.nameOf(a.user);
    row(doc, [
      { text: name ? `${name} (${a.user})` : a.user, width: 180 },
      { text: ROLE_TITLES[a.role] ?? a.role, width: 140 },
      { text: germanDateTime(new Date(a.at)), width: 140 },
    ]);
  }
  doc.moveDown(1.5);
  doc.font('Helvetica').fontSize(10).text(
    'Mit den oben aufgeführten Zustimmungen ist die Leistung abgenommen. Offene Mängel werden im Regelbetrieb '
    + 'nachverfolgt. Dieses Protokoll wurde aus dem Vorgang erzeugt; die Zustimmungen sind im Protokoll des Vorgangs nachgewiesen.',
  );
  return finishPdf(doc, `Abnahmeprotokoll ${input.gemeindeName} · ${input.runId}`);
}

/** The acceptance events of a batch: a completed task of the `abnahme` form. */
export function acceptanceEvents(events: DomainEvent[]): DomainEvent[] {
  return events.filter((e) => e.type === 'task.completed' && e.task?.formId === 'abnahme');
}

/** Renders and stores the protocol of each acceptance event; idempotent per event. */
export async function storeAcceptanceProtocols(
  events: DomainEvent[],
  deps: { documents: Pick<DocumentStore, 'save'>; runAsOf: (runId: string, seq: number) => Promise<RunSnapshot | undefined>; nameOf?: (userId: string) => string | undefined },
): Promise<void> {
  for (const e of acceptanceEvents(events)) {
    const task = e.task!;
    const run = e.run ?? (await deps.runAsOf(e.runId, e.seq));
    const data = (e.data.data ?? {}) as Record<string, unknown>;
    const pdf = await renderAcceptancePdf({
      runId: e.runId,
      ags: task.ags,
      gemeindeName: task.gemeindeName,
      runTitle: run?.title ?? e.runId,
      stepTitle: task.title,
      approvals: task.approvals.given,
      data,
      at: new Date(e.at),
      nameOf: deps.nameOf ?? (() => undefined),
    });
    await deps.documents.save({
      id: `${e.runId}:abnahmeprotokoll:${e.seq}`,
      runId: e.runId,
      ags: task.ags,
      taskId: task.id,
      kind: 'abnahmeprotokoll',
      name: `Abnahmeprotokoll ${task.gemeindeName}.pdf`,
      type: 'application/pdf',
      content: pdf,
      by: 'system',
    }, { generated: true });
  }
}
