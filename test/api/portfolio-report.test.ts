// Issue 15, monthly report: the PDF holds each onboarding's name, health reason and next milestone (checked on its
// text with pdftotext), one page per onboarding with page numbers; the CSV has German dates and decimal commas.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { germanDate } from '../../domain/health';
import { futureDate, startSystem, token, type TestSystem } from '../helpers/system';

let sys: TestSystem;
const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const month = new Date().toISOString().slice(0, 7);
const input = { variant: 'mitglied', projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 3 };

beforeAll(async () => {
  sys = await startSystem();
  await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send({
    process: 'gemeinde-onboarding',
    input: { ags: '09181128', targetGoLive: futureDate(120), targetReason: 'Gemeinderat will vor der Wahl umstellen', ...input },
  }).expect(201);
  await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send({
    process: 'gemeinde-onboarding', input: { ags: '09181144', targetGoLive: futureDate(900), ...input },
  }).expect(201);
  for (let i = 0; i < 100; i++) {
    const runs = await sys.store.listRuns({ process: 'gemeinde-onboarding', limit: 10 });
    if (runs.items.length === 2 && runs.items.every((r) => r.nextMilestones?.length)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the read model did not catch up');
});
afterAll(async () => {
  await sys?.stop();
});

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  try {
    fs.writeFileSync(path.join(dir, 'r.pdf'), pdf);
    return execFileSync('pdftotext', [path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

it('renders the month as a German PDF: one page per onboarding with its name, health reason and next milestone', async () => {
  const res = await request(sys.app).get(`/api/v1/reports/portfolio/${month}`).set(auth('m.huber')).set('Accept', 'application/pdf')
    .buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const pages = pdfText(res.body as Buffer).split('\f').map((p) => p.replace(/\s+/g, ' '));
  // a cover and one page per onboarding, each numbered
  expect(pages.filter((p) => p.trim())).toHaveLength(3);
  expect(pages[0]).toContain('Seite 1 von 3');
  const runs = (await sys.store.listRuns({ process: 'gemeinde-onboarding', limit: 10 })).items;
  for (const run of runs) {
    const page = pages.find((p) => p.includes(`AGS ${run.ags} ·`))!;
    expect(page).not.toContain(run.id); // the board reads names; the id stays in the CSV's key column
    expect(page).toContain(run.gemeindeName);
    const next = run.nextMilestones![0];
    expect(page).toContain(`${germanDate(next.date)} ${next.title}`);
    for (const reason of run.healthReasons ?? []) expect(page).toContain(reason.text.replace(/\s+/g, ' '));
  }
  const kaufering = pages.find((p) => p.includes('AGS 09181128 ·'))!;
  expect(kaufering).toMatch(/Ampel: Gelb/);
  expect(kaufering).toMatch(/Ambitioniertes Ziel/);
  expect(pages.find((p) => p.includes('AGS 09181144 ·'))).toContain('Keine: im Plan.');
});

it('gives the same figures as German CSV: semicolons, German dates, decimal commas', async () => {
  const res = await request(sys.app).get(`/api/v1/reports/portfolio/${month}`).set(auth('a.gruber')).set('Accept', 'text/csv');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toMatch(/^Gemeinde;AGS;Vorgang;Ampel;Gründe;Fortschritt %/);
  expect(lines).toHaveLength(3);
  const kaufering = lines.find((l) => l.startsWith('Kaufering'))!;
  expect(kaufering).toMatch(/;Gelb;/);
  expect(kaufering).toMatch(/;\d+,\d;/); // progress with a decimal comma
  expect(kaufering).toContain(`;${germanDate(futureDate(120))};`);
});

it('refuses other formats and malformed months, and other roles', async () => {
  expect((await request(sys.app).get(`/api/v1/reports/portfolio/${month}`).set(auth('m.huber')).set('Accept', 'application/json')).status).toBe(406);
  const bad = await request(sys.app).get('/api/v1/reports/portfolio/2027-13').set(auth('m.huber'));
  expect(bad.status).toBe(422);
  expect(bad.body.errors).toEqual([{ path: 'month', message: 'Monat im Format JJJJ-MM' }]);
  expect((await request(sys.app).get(`/api/v1/reports/portfolio/${month}`).set(auth('p.fischer'))).status).toBe(403);
});

it('refuses a month to come: it would show today\'s state under its name', async () => {
  const [year, m] = month.split('-').map(Number);
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  const res = await request(sys.app).get(`/api/v1/reports/portfolio/${next}`).set(auth('m.huber'));
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual([{ path: 'month', message: 'Für einen kommenden Monat gibt es noch keinen Bericht' }]);
});
