// Documents of a run through the API, over a real (embedded) store: upload, list, download with the SHA-256, the
// type decided by content (an executable renamed .pdf is refused), the size limit, tenant isolation, deletion by the
// administration with its trail; a paper that crosses sides starts its mail.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type express from 'express';
import { openStore, type Store } from '../../../store/store';
import { openTask, startRun } from '../../store/fixtures';
import { token } from '../../helpers/system';
import { lightApp } from '../support/light-app';
import { recordingClient } from '../support/recording-client';

const RUN = 'onboarding-09181128';
const FOREIGN_RUN = 'onboarding-09181130';
const TASK = `${RUN}:vertrag`;
let dataDir: string;
let store: Store;
let app: express.Express;
const recording = recordingClient();
const { client, started, noted } = recording;
const logged: unknown[] = [];

// a minimal PDF and a Windows executable's first bytes
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);

const as = (user: string) => `Bearer ${token(user)}`;
const upload = (run: string, user: string, file: Buffer, name: string) =>
  request(app).post(`/api/v1/runs/${run}/documents`).set('Authorization', as(user)).attach('file', file, name);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'documents-test-'));
  store = await openStore({ dataDir });
  const own = startRun(RUN, { ags: '09181128' });
  openTask(own, 'vertrag', { id: TASK, ags: '09181128' });
  const foreign = startRun(FOREIGN_RUN, { ags: '09181130', gemeindeName: 'Landsberg am Lech' });
  await store.appendEvents([...own.events, ...foreign.events]);
  app = lightApp({ store, client, documentMaxBytes: 64 * 1024, logError: (_err, context) => logged.push(context) });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('uploads, lists and downloads a document with its SHA-256; the type comes from the content', async () => {
  const res = await upload(RUN, 'buergermeister-09181128', PDF, 'Vertrag unterschrieben.dat')
    .field('taskId', TASK).field('kind', 'vertrag').expect(201);
  const sha256 = createHash('sha256').update(PDF).digest('hex');
  expect(res.body).toMatchObject({ name: 'Vertrag unterschrieben.dat', type: 'application/pdf', size: PDF.length, sha256, by: 'buergermeister-09181128', taskId: TASK, kind: 'vertrag' });
  expect(res.headers.location).toBe(`/api/v1/documents/${res.body.id}`);

  const list = await request(app).get(`/api/v1/runs/${RUN}/documents`).set('Authorization', as('a.gruber')).expect(200);
  expect(list.body.items).toEqual([res.body]);

  const file = await request(app).get(`/api/v1/documents/${res.body.id}`).set('Authorization', as('a.gruber'))
    .buffer(true).parse((r, done) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => done(null, Buffer.concat(chunks))); })
    .expect(200);
  expect(file.headers['content-type']).toMatch(/^application\/pdf/);
  expect(file.headers['content-disposition']).toMatch(/attachment/);
  expect(createHash('sha256').update(file.body as Buffer).digest('hex')).toBe(sha256);

  // the trail holds the id and the hash, not the content
  const trail = await store.documents.events(RUN);
  expect(trail).toEqual([expect.objectContaining({ documentId: res.body.id, type: 'document.uploaded', actor: 'buergermeister-09181128', data: { sha256, taskId: TASK, kind: 'vertrag' } })]);
});

it('refuses the same file as the same kind of paper a second time (409, naming the first), takes it as another kind', async () => {
  const again = await upload(RUN, 'a.gruber', PDF, 'Vertrag nochmal.pdf').field('kind', 'vertrag');
  expect(again.status).toBe(409);
  expect(again.body.detail).toMatch(/^Diese Datei ist hier schon vorhanden: „Vertrag unterschrieben\.dat“, hochgeladen am \d{2}\.\d{2}\.\d{4}\.$/);
  const other = await upload(RUN, 'a.gruber', PDF, 'Vorlage.pdf').field('kind', 'vertrag-vorlage').expect(201);
  expect(other.body.kind).toBe('vertrag-vorlage');
  const list = await request(app).get(`/api/v1/runs/${RUN}/documents`).set('Authorization', as('a.gruber')).expect(200);
  expect(list.body.items.map((d: { name: string }) => d.name)).toEqual(['Vertrag unterschrieben.dat', 'Vorlage.pdf']);
});

it("mails the lead about the Gemeinde's papers and the Gemeinde about a draft to sign, nobody about the KU's own files", async () => {
  const mails = (from: number) => started.slice(from).map((s) => [s.type, s.args[0]]);
  const before = started.length;
  const fromGemeinde = await upload(RUN, 'geschaeftsleitung-09181128', Buffer.concat([PDF, Buffer.from('% AVV\n')]), 'avv.pdf').field('kind', 'avv').expect(201);
  const draft = await upload(RUN, 'a.gruber', Buffer.concat([PDF, Buffer.from('% Entwurf\n')]), 'avv-entwurf.pdf').field('kind', 'avv-vorlage').expect(201);
  await upload(RUN, 'a.gruber', Buffer.concat([PDF, Buffer.from('% intern\n')]), 'notiz.pdf').field('kind', 'sonstiges').expect(201);
  expect(mails(before)).toEqual([
    ['documentMail', { documentId: fromGemeinde.body.id, audience: 'leads' }],
    ['documentMail', { documentId: draft.body.id, audience: 'gemeinde' }],
  ]);
  expect(started.at(-1)!.workflowId).toBe(`document-mail-${draft.body.id}`);
  // and each upload is told to its run for the trail: id and kind only
  expect(noted.at(-1)).toEqual({ workflowId: RUN, note: { type: 'document.uploaded', actor: 'a.gruber', data: { documentId: expect.any(String), kind: 'sonstiges' } } });
  // a refused upload starts nothing: the same paper again, and a draft to sign from the Gemeinde (the KU's to send)
  await upload(RUN, 'geschaeftsleitung-09181128', Buffer.concat([PDF, Buffer.from('% AVV\n')]), 'avv.pdf').field('kind', 'avv').expect(409);
  const ownDraft = await upload(RUN, 'buergermeister-09181128', Buffer.concat([PDF, Buffer.from('% eigene Vorlage\n')]), 'vorlage.pdf').field('kind', 'vertrag-vorlage').expect(422);
  expect(ownDraft.body.errors).toEqual([{ path: 'kind', message: expect.stringMatching(/^Vorlagen zur Unterschrift stellt das KU bereit/) }]);
  expect(started.length).toBe(before + 2);
});

it('keeps a paper when Temporal is unreachable (201, stored once, the unstarted mail logged), so a retry finds it as a duplicate', async () => {
  recording.unreachable = true;
  try {
    const paper = Buffer.concat([PDF, Buffer.from('% ohne Temporal\n')]);
    const res = await upload(RUN, 'geschaeftsleitung-09181128', paper, 'vertrag.pdf').field('kind', 'vertrag').expect(201);
    expect(logged).toEqual([
      { where: 'document mail not started', documentId: res.body.id },
      { where: 'run not told', runId: RUN, note: 'document.uploaded' },
    ]);
    await upload(RUN, 'geschaeftsleitung-09181128', paper, 'vertrag.pdf').field('kind', 'vertrag').expect(409);
  } finally {
    recording.unreachable = false;
  }
});

it('refuses an executable renamed .pdf (415, German, at the field)', async () => {
  const res = await upload(RUN, 'a.gruber', EXE, 'angebot.pdf').expect(415);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.detail).toMatch(/Ausführbare Dateien/);
  expect(res.body.errors).toEqual([{ path: 'file', message: expect.stringMatching(/Ausführbare/) }]);
});

it('refuses a file over the configured size (413) and a body that is not multipart (415)', async () => {
  const big = Buffer.concat([PDF, Buffer.alloc(70 * 1024, 0x20)]);
  const res = await upload(RUN, 'a.gruber', big, 'gross.pdf');
  expect(res.status).toBe(413);
  expect(res.body.detail).toMatch(/größer als/);
  const json = await request(app).post(`/api/v1/runs/${RUN}/documents`).set('Authorization', as('a.gruber')).send({ file: 'x' });
  expect(json.status).toBe(415);
});

it('answers 422 for a missing file and a task of another run', async () => {
  const none = await request(app).post(`/api/v1/runs/${RUN}/documents`).set('Authorization', as('a.gruber')).field('kind', 'avv');
  expect(none.status).toBe(422);
  expect(none.body.errors).toEqual([{ path: 'file', message: 'Bitte eine Datei anhängen' }]);
  const wrongTask = await upload(RUN, 'a.gruber', PDF, 'x.pdf').field('taskId', `${FOREIGN_RUN}:vertrag`);
  expect(wrongTask.status).toBe(422);
  expect(wrongTask.body.errors[0].path).toBe('taskId');
});

it('hides another Gemeinde\'s documents (404) from upload, list and download', async () => {
  const own = await upload(RUN, 'a.gruber', PDF, 'avv.pdf').expect(201);
  const foreignUser = 'buergermeister-09181130';
  expect((await request(app).get(`/api/v1/documents/${own.body.id}`).set('Authorization', as(foreignUser))).status).toBe(404);
  expect((await request(app).get(`/api/v1/runs/${RUN}/documents`).set('Authorization', as(foreignUser))).status).toBe(404);
  expect((await upload(RUN, foreignUser, PDF, 'x.pdf')).status).toBe(404);
  const unknown = await request(app).get('/api/v1/documents/gibt-es-nicht').set('Authorization', as(foreignUser));
  expect(unknown.status).toBe(404);
});

it('lets only the administration delete, and records who did', async () => {
  const doc = await upload(RUN, 'a.gruber', Buffer.concat([PDF, Buffer.from('% zum Löschen\n')]), 'loeschen.pdf').expect(201);
  expect((await request(app).delete(`/api/v1/documents/${doc.body.id}`).set('Authorization', as('a.gruber'))).status).toBe(403);
  await request(app).delete(`/api/v1/documents/${doc.body.id}`).set('Authorization', as('d.krueger')).expect(204);
  expect((await request(app).get(`/api/v1/documents/${doc.body.id}`).set('Authorization', as('a.gruber'))).status).toBe(404);
  const trail = await store.documents.events(RUN);
  expect(trail.at(-1)).toMatchObject({ documentId: doc.body.id, type: 'document.deleted', actor: 'd.krueger', data: { sha256: doc.body.sha256 } });
  expect(noted.at(-1)).toEqual({ workflowId: RUN, note: { type: 'document.deleted', actor: 'd.krueger', data: { documentId: doc.body.id } } });
});
