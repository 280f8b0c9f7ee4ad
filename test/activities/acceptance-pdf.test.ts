// The acceptance protocol: recording the event of a completed acceptance (form `abnahme`) stores a PDF document of
// the run whose text (pdftotext) names the Gemeinde, who approved in which role, the date, the defects and the
// page numbers; recording the same events again stores nothing twice.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEventActivities } from '../../activities/events';
import { openStore, type Store } from '../../store/store';
import { openTask, startRun, taskSnapshot } from '../store/fixtures';

let dataDir: string;
let store: Store;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'acceptance-test-'));
  store = await openStore({ dataDir });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function pdfText(pdf: Buffer): string {
  const file = path.join(dataDir, 'protokoll.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

it('stores the Abnahmeprotokoll with who approved what when the acceptance is completed', async () => {
  const runId = 'onboarding-09181128';
  const stream = startRun(runId, { ags: '09181128', gemeindeName: 'Kaufering', title: 'Onboarding Kaufering' });
  const open = openTask(stream, 'abnahme', { id: `${runId}:abnahme`, title: 'Abnahmeprotokoll und Übergabe in den Regelbetrieb', formId: 'abnahme', ags: '09181128', gemeindeName: 'Kaufering' });
  const approvals = {
    required: 2,
    given: [
      { user: 'a.gruber', role: 'projektleitung' as const, at: '2026-12-03T09:15:00.000Z' },
      { user: 'buergermeister-09181128', role: 'gemeinde' as const, at: '2026-12-04T13:40:00.000Z' },
    ],
  };
  const done = taskSnapshot(stream.run, 'abnahme', { ...open, state: 'done', approvals, completedBy: 'buergermeister-09181128', completedAt: '2026-12-04T13:40:00.000Z' });
  stream.emit('task.completed', '2026-12-04T13:40:00.000Z', { actor: 'buergermeister-09181128', data: { stepId: 'abnahme', data: { abnahmeDatum: '2026-12-04', maengel: 'Drucker im Bürgerbüro fehlt noch' } }, task: done });

  const names: Record<string, string> = { 'a.gruber': 'Andrea Gruber', 'buergermeister-09181128': 'Bürgermeister/in Kaufering' };
  const { recordEvents } = createEventActivities(store, { nameOf: (id) => names[id] });
  await recordEvents(stream.events);
  await recordEvents(stream.events);

  const docs = await store.documents.list(runId);
  expect(docs).toEqual([expect.objectContaining({ kind: 'abnahmeprotokoll', name: 'Abnahmeprotokoll Kaufering.pdf', type: 'application/pdf', by: 'system', taskId: `${runId}:abnahme` })]);
  const text = pdfText((await store.documents.get(docs[0].id))!.content);
  expect(text).toContain('Abnahmeprotokoll');
  expect(text).toContain('Gemeinde Kaufering');
  expect(text).toMatch(/Abnahmedatum\s+4\. Dezember 2026/);
  expect(text).toMatch(/Offene Mängel\s+Drucker im Bürgerbüro fehlt noch/);
  expect(text).toMatch(/Andrea Gruber \(a\.gruber\)\s+Projektleitung\s+03\.12\.2026, 10:15 Uhr/);
  expect(text).toMatch(/Bürgermeister\/in Kaufering\s+Gemeinde\s+04\.12\.2026, 14:40 Uhr/);
  expect(text).toContain('Seite 1 von 1');
  expect((await store.documents.events(runId)).map((e) => e.type)).toEqual(['document.generated']);
});
