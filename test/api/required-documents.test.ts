// Steps that need a paper require it (issue 16 item 1): completing the contract, AVV, acceptance or destruction
// step without a document of its kind answers 422 with a German error at the field `document`, checked by the API
// before the run is asked; a document of that kind on the task or on the run lets it through.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import type express from 'express';
import { requiredDocument } from '../../domain/required-documents';
import { openStore, type Store } from '../../store/store';
import { openTask, startRun } from '../store/fixtures';
import { token } from '../helpers/system';
import { lightApp } from './support/light-app';

const RUN = 'onboarding-09181128';
const AVV = `${RUN}:avv`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const avvData = { tomGeprueft: true, unterauftragnehmerGeprueft: true, unterzeichnetAm: '2026-01-15' };
let dataDir: string;
let store: Store;
let app: express.Express;
const updates: string[] = [];

const as = (user: string) => `Bearer ${token(user)}`;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'required-documents-test-'));
  store = await openStore({ dataDir });
  const run = startRun(RUN, { ags: '09181128' });
  openTask(run, 'avv', { id: AVV, ags: '09181128', candidateRoles: ['datenschutz'], formId: 'avv' });
  await store.appendEvents(run.events);
  // the run's Update: reached only when the API's own checks pass
  const client = {
    workflow: {
      getHandle: () => ({
        executeUpdate: async (_u: unknown, opts: { args: [{ taskId: string }] }) => {
          updates.push(opts.args[0].taskId);
          return { ...(await store.getTask(opts.args[0].taskId))!, state: 'done' };
        },
      }),
    },
  } as unknown as Client;
  app = lightApp({ store, client });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('names the documents the contract, AVV, acceptance and destruction steps require', () => {
  expect(requiredDocument('gemeinde-onboarding', 'vertrag')).toEqual({ kind: 'vertrag', label: 'der unterschriebene Vertrag', fromGemeinde: true });
  expect(requiredDocument('gemeinde-onboarding', 'avv')?.kind).toBe('avv');
  expect(requiredDocument('gemeinde-onboarding', 'abnahme')?.kind).toBe('abnahmeprotokoll');
  expect(requiredDocument('verfahren-migration', 'abnahme')?.kind).toBe('abnahmeprotokoll');
  expect(requiredDocument('gemeinde-onboarding', 'stilllegung')?.kind).toBe('vernichtungsnachweis');
  expect(requiredDocument('arbeitsplatz-rollout', 'entsorgung')?.kind).toBe('vernichtungsnachweis');
  expect(requiredDocument('gemeinde-onboarding', 'erstgespraech')).toBeUndefined();
});

it('refuses to complete the AVV step without the signed AVV (422 at `document`), and completes it once uploaded', async () => {
  const refused = await request(app).post(`/api/v1/tasks/${AVV}/complete`).set('Authorization', as('b.wolf')).send({ data: avvData });
  expect(refused.status).toBe(422);
  expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(refused.body.errors).toEqual([{ path: 'document', message: 'Der unterschriebene Auftragsverarbeitungsvertrag (AVV) fehlt: bitte zuerst unter „Dokumente“ hochladen.' }]);
  expect(updates).toEqual([]);

  // everything to correct in one answer, each at its field: the paper, the boxes, and a date in the future
  const inFuture = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const all = await request(app).post(`/api/v1/tasks/${AVV}/complete`).set('Authorization', as('b.wolf')).send({ data: { unterzeichnetAm: inFuture } });
  expect(all.status).toBe(422);
  expect(all.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['data.tomGeprueft', 'data.unterauftragnehmerGeprueft', 'data.unterzeichnetAm', 'document']);
  expect(all.body.errors.find((e: { path: string }) => e.path === 'data.unterzeichnetAm').message).toMatch(/bevor personenbezogene Daten verarbeitet werden/);
  // a date that is no date is said once, by the form
  const bad = await request(app).post(`/api/v1/tasks/${AVV}/complete`).set('Authorization', as('b.wolf')).send({ data: { ...avvData, unterzeichnetAm: '2026-02-30' } });
  expect(bad.body.errors.filter((e: { path: string }) => e.path === 'data.unterzeichnetAm')).toHaveLength(1);
  expect(updates).toEqual([]);

  // a document of another kind does not count
  await request(app).post(`/api/v1/runs/${RUN}/documents`).set('Authorization', as('buergermeister-09181128'))
    .field('kind', 'vertrag').attach('file', PDF, 'vertrag.pdf').expect(201);
  expect((await request(app).post(`/api/v1/tasks/${AVV}/complete`).set('Authorization', as('b.wolf')).send({ data: avvData })).status).toBe(422);

  // the Gemeinde uploads the signed AVV to the run
  await request(app).post(`/api/v1/runs/${RUN}/documents`).set('Authorization', as('buergermeister-09181128'))
    .field('kind', 'avv').attach('file', PDF, 'AVV unterschrieben.pdf').expect(201);
  const done = await request(app).post(`/api/v1/tasks/${AVV}/complete`).set('Authorization', as('b.wolf')).send({ data: avvData });
  expect(done.status).toBe(200);
  // the task tells what it needs, so the UI can ask for it
  expect(done.body.requiresDocument).toEqual({ kind: 'avv', label: 'der unterschriebene Auftragsverarbeitungsvertrag (AVV)', fromGemeinde: true });
  expect(updates).toEqual([AVV]);
});
