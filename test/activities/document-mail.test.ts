// The mail about a paper that crosses sides (activities/document-mail.ts): the Gemeinde's upload reaches the run's
// lead with the paper's kind, name and task and a link to the run; a draft to sign reaches the Gemeinde's people with
// a link to their portal; the uploader gets none, a retry sends nothing twice, a deleted paper mails nobody.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDirectory } from '../../activities/directory';
import { createDocumentMailActivities } from '../../activities/document-mail';
import { captureTransport } from '../../activities/mail-transport';
import { DEMO_USERS } from '../../config/users';
import { openStore, type Store } from '../../store/store';
import { openTask, startRun } from '../store/fixtures';

const RUN = 'onboarding-09181128';
const PDF = (note: string) => Buffer.from(`%PDF-1.4\n% ${note}\n%%EOF\n`, 'latin1');
let dataDir: string;
let store: Store;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'document-mail-test-'));
  store = await openStore({ dataDir });
  const run = startRun(RUN, { ags: '09181128', gemeindeName: 'Kaufering', projectLead: 'a.gruber', deputyLead: 'f.maier' });
  openTask(run, 'avv', { id: `${RUN}:avv`, ags: '09181128', title: 'AVV unterzeichnen' });
  await store.appendEvents(run.events);
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const activities = () => createDocumentMailActivities({
  store, directory: createDirectory({ users: DEMO_USERS }), mail: captureTransport(store.notifications), publicUrl: 'https://onboarding.example/',
});
const lastMail = async () => (await store.notifications.captured({ limit: 1 }))[0]?.id ?? 0;
const mailsSince = async (id: number) => (await store.notifications.captured({ limit: 50 })).filter((m) => m.id > id);

it("tells the run's lead and deputy about the Gemeinde's paper, once, without its content", async () => {
  const doc = await store.documents.save({
    runId: RUN, ags: '09181128', taskId: `${RUN}:avv`, kind: 'avv', name: 'AVV unterschrieben.pdf', type: 'application/pdf',
    content: PDF('unterschrieben'), by: 'buergermeister-09181128',
  });
  const mail = activities();
  const before = await lastMail();
  expect(await mail.sendDocumentMail({ documentId: doc.id, audience: 'leads' })).toBe(2);
  await mail.sendDocumentMail({ documentId: doc.id, audience: 'leads' });
  const sent = await mailsSince(before);
  // the lead and the deputy, whom the run's trail names (the read model's row keeps no deputy)
  expect(sent.map((m) => m.to).sort()).toEqual(['a.gruber@ku-it.example', 'f.maier@ku-it.example']);
  expect(sent[0].subject).toMatch(/^Kaufering – .+: Dokument von Bürgermeister\/in Kaufering$/);
  expect(sent[0].text).toContain('  AVV: AVV unterschrieben.pdf\n  zur Aufgabe „AVV unterzeichnen“');
  expect(sent[0].text).toContain(`https://onboarding.example/vorgaenge/${RUN}`);
  expect(sent[0].text).not.toContain('%PDF');
});

it("offers the Gemeinde's people a draft to sign on their portal; the KU's uploader is not among them", async () => {
  const doc = await store.documents.save({
    runId: RUN, ags: '09181128', kind: 'avv-vorlage', name: 'AVV Entwurf.pdf', type: 'application/pdf', content: PDF('Entwurf'), by: 'a.gruber',
  });
  const before = await lastMail();
  expect(await activities().sendDocumentMail({ documentId: doc.id, audience: 'gemeinde' })).toBe(2);
  const sent = await mailsSince(before);
  expect(sent.map((m) => m.to).sort()).toEqual(['buergermeister-09181128@gemeinde.example', 'geschaeftsleitung-09181128@gemeinde.example']);
  expect(sent[0].subject).toMatch(/: Vorlage zum Unterschreiben$/);
  expect(sent[0].text).toContain('Andrea Gruber hat Ihnen zu „Kaufering – ');
  expect(sent[0].text).toContain('  AVV – Vorlage zur Unterschrift: AVV Entwurf.pdf');
  expect(sent[0].text).toContain('wieder hoch:\nhttps://onboarding.example/\n');
});

it('tells the Gemeinde of a draft that comes before its step that the signed paper is asked for later', async () => {
  // the contract's step has not opened (the fixture's run has only the AVV task)
  const doc = await store.documents.save({
    runId: RUN, ags: '09181128', kind: 'vertrag-vorlage', name: 'Vertrag Entwurf.pdf', type: 'application/pdf', content: PDF('Vertrag'), by: 'a.gruber',
  });
  const before = await lastMail();
  await activities().sendDocumentMail({ documentId: doc.id, audience: 'gemeinde' });
  const [sent] = await mailsSince(before);
  expect(sent.text).toContain('Sie finden sie in Ihrem Portal unter „Unterlagen“ zum Herunterladen. Das unterschriebene Dokument laden Sie dort hoch, sobald der Schritt ansteht');
  expect(sent.text).not.toContain('wieder hoch');
});

it('mails nobody about a paper deleted before its mail went out', async () => {
  const doc = await store.documents.save({
    runId: RUN, ags: '09181128', kind: 'sonstiges', name: 'falsch.pdf', type: 'application/pdf', content: PDF('falsch'), by: 'buergermeister-09181128',
  });
  await store.documents.remove(doc.id, 'd.krueger');
  const before = await lastMail();
  expect(await activities().sendDocumentMail({ documentId: doc.id, audience: 'leads' })).toBe(0);
  expect(await mailsSince(before)).toEqual([]);
});
