// Issue 15, year plan: planned onboardings (CRUD, German field errors, who may), the teams' capacity (admin only),
// the load per team and week, the what-if, and a planned entry linked to its run once started.
import { berlinDate } from '../../../domain/berlin-time';
import request from 'supertest';
import { futureDate, startSystem, token, type TestSystem } from '../../helpers/system';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const entry = { ags: '09181132', variant: 'dienstleistung', desiredGoLive: futureDate(500), verfahrenCount: 4, workstations: 30, status: 'Anfrage' };

it('creates, reads, changes and deletes a planned onboarding', async () => {
  const created = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber')).send(entry);
  expect(created.status).toBe(201);
  expect(created.headers.location).toBe(`/api/v1/planning/pipeline/${created.body.id}`);
  expect(created.body).toMatchObject({ ...entry, gemeindeName: 'Penzing', verfahren: [], createdBy: 'a.gruber' });
  // planned back from its desired go-live
  expect(created.body.plannedStart > futureDate(0)).toBe(true);
  expect(created.body).not.toHaveProperty('earliestGoLive');
  // wished for sooner than the template's lead time allows: the answer says the earliest it allows
  const soon = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber')).send({ ...entry, ags: '09181114', desiredGoLive: futureDate(30) });
  expect(soon.body.earliestGoLive > futureDate(30)).toBe(true);
  expect(soon.body.plannedStart).toBe(berlinDate(Date.now()));
  await request(sys.app).delete(`/api/v1/planning/pipeline/${soon.body.id}`).set(auth('a.gruber')).expect(204);

  const id = created.body.id as string;
  expect((await request(sys.app).get(`/api/v1/planning/pipeline/${id}`).set(auth('m.huber'))).body.status).toBe('Anfrage');
  const changed = await request(sys.app).patch(`/api/v1/planning/pipeline/${id}`).set(auth('m.huber'))
    .send({ status: 'Beschluss', verfahren: ['ok-fis', 'ok-ewo'] });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ status: 'Beschluss', verfahren: ['ok-fis', 'ok-ewo'], verfahrenCount: 2, workstations: 30 });
  const list = await request(sys.app).get('/api/v1/planning/pipeline').set(auth('d.krueger'));
  expect(list.body.items.map((e: { id: string }) => e.id)).toContain(id);

  expect((await request(sys.app).delete(`/api/v1/planning/pipeline/${id}`).set(auth('a.gruber'))).status).toBe(204);
  expect((await request(sys.app).get(`/api/v1/planning/pipeline/${id}`).set(auth('a.gruber'))).status).toBe(404);
});

it('answers bad input with German errors at the field', async () => {
  const res = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber'))
    .send({ ...entry, desiredGoLive: '1.10.2027', status: 'Vertrag', workstations: -1 });
  expect(res.status).toBe(422);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.errors).toEqual(expect.arrayContaining([
    { path: 'desiredGoLive', message: 'Datum im Format JJJJ-MM-TT' },
    { path: 'status', message: 'Status: Anfrage, Angebot oder Beschluss' },
    { path: 'workstations', message: 'Mindestens 0' },
  ]));
  // a go-live that has passed (today in Bavaria counts as passed: it could not be planned any more)
  const today = berlinDate(new Date());
  const past = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber')).send({ ...entry, desiredGoLive: today });
  expect(past.body.errors).toEqual([{ path: 'desiredGoLive', message: `Der gewünschte Go-live muss nach heute liegen (heute ist der ${today.split('-').reverse().join('.')}).` }]);
  const unknown = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber')).send({ ...entry, ags: '09999999', verfahren: ['gibt-es-nicht'] });
  expect(unknown.body.errors).toEqual([
    { path: 'ags', message: 'Unbekannte Gemeinde (AGS 09999999)' },
    { path: 'verfahren.0', message: 'Unbekanntes Verfahren gibt-es-nicht' },
  ]);
  const absence = await request(sys.app).post('/api/v1/planning/absences').set(auth('d.krueger')).send({ role: 'verfahren', from: '2027-05-10', to: '2027-05-03' });
  expect(absence.body.errors).toEqual([{ path: 'to', message: 'Das Ende liegt vor dem Beginn' }]);
  const over = await request(sys.app).post('/api/v1/planning/absences').set(auth('d.krueger')).send({ role: 'verfahren', from: '2020-05-04', to: '2020-05-08' });
  expect(over.body.errors).toEqual([{ path: 'to', message: `Diese Abwesenheit ist schon vorbei (heute ist der ${today.split('-').reverse().join('.')}); die Planung schaut nach vorn.` }]);
  const both = await request(sys.app).post('/api/v1/planning/what-if').set(auth('a.gruber'))
    .send({ ags: '09181121', variant: 'mitglied', verfahren: ['ok-fis'], verfahrenCount: 3, workstations: 10 });
  expect(both.body.errors).toEqual([{ path: 'verfahrenCount', message: 'Entweder Verfahren oder ihre Anzahl angeben, nicht beides' }]);
});

it('lets only project leads, the board and the administration plan; only the administration sets capacity', async () => {
  expect((await request(sys.app).get('/api/v1/planning/pipeline').set(auth('p.fischer'))).status).toBe(403);
  expect((await request(sys.app).post('/api/v1/planning/pipeline').set(auth('buergermeister-09181132')).send(entry)).status).toBe(403);
  expect((await request(sys.app).get('/api/v1/planning/capacity'))).toHaveProperty('status', 401);
  const refused = await request(sys.app).put('/api/v1/planning/teams/verfahren').set(auth('a.gruber')).send({ people: 4, hoursPerWeek: 20 });
  expect(refused.status).toBe(403);
  expect(refused.body.detail).toBe('Nur die Administration pflegt die Kapazität der Teams.');
});

it('shows capacity, load and free hours per team and week, with the administration\'s figures and absences', async () => {
  const set = await request(sys.app).put('/api/v1/planning/teams/netzwerk').set(auth('d.krueger')).send({ people: 3, hoursPerWeek: 16 });
  expect(set.status).toBe(200);
  const away = await request(sys.app).post('/api/v1/planning/absences').set(auth('d.krueger')).send({ role: 'netzwerk', from: '2030-02-04', to: '2030-02-08', note: 'Schulung' });
  expect(away.status).toBe(201);
  const res = await request(sys.app).get('/api/v1/planning/capacity?from=2030-01-28&to=2030-02-10').set(auth('m.huber'));
  expect(res.status).toBe(200);
  const netzwerk = res.body.weeks.filter((w: { role: string }) => w.role === 'netzwerk');
  expect(netzwerk).toEqual([
    { role: 'netzwerk', week: '2030-01-28', capacity: 48, load: 0, free: 48 },
    { role: 'netzwerk', week: '2030-02-04', capacity: 32, load: 0, free: 32 },
  ]);
  expect(res.body.teams).toContainEqual({ role: 'vorstand', title: 'Vorstand', people: 1, hoursPerWeek: 2 });
  expect((await request(sys.app).delete(`/api/v1/planning/absences/${away.body.id}`).set(auth('d.krueger'))).status).toBe(204);
  // a planned onboarding loads the teams in the weeks of its plan
  const created = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber')).send({ ...entry, ags: '09181127' });
  const weeks = (await request(sys.app).get('/api/v1/planning/capacity').set(auth('a.gruber'))).body.weeks as { load: number }[];
  expect(weeks.some((w) => w.load > 0)).toBe(true);
  await request(sys.app).delete(`/api/v1/planning/pipeline/${created.body.id}`).set(auth('a.gruber')).expect(204);
});

it('answers the what-if with the earliest go-live, the bottleneck team and week, and the effect of moving the others', async () => {
  const planned = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber')).send({ ...entry, ags: '09181123', desiredGoLive: futureDate(300) });
  const res = await request(sys.app).post('/api/v1/planning/what-if').set(auth('m.huber'))
    .send({ ags: '09181121', variant: 'dienstleistung', verfahrenCount: 3, workstations: 20, targetGoLive: futureDate(200) });
  expect(res.status).toBe(200);
  expect(res.body.earliestGoLive >= res.body.earliestByTemplate).toBe(true);
  expect(res.body.targetFits).toBe(false); // before the template allows
  expect(res.body.bottleneck).toMatchObject({ role: expect.any(String), title: expect.any(String), week: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  expect(res.body.effects).toEqual([expect.objectContaining({ id: planned.body.id, name: 'Greifenberg', kind: 'planned' })]);
  await request(sys.app).delete(`/api/v1/planning/pipeline/${planned.body.id}`).set(auth('a.gruber')).expect(204);
});

it('links a planned entry to its run once the onboarding starts, and counts the run instead', async () => {
  const planned = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber')).send({ ...entry, ags: '09181134', status: 'Beschluss' });
  await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send({
    process: 'gemeinde-onboarding',
    input: { ags: '09181134', variant: 'dienstleistung', targetGoLive: futureDate(700), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 30 },
  }).expect(201);
  let got: request.Response | undefined;
  for (let i = 0; i < 100; i++) {
    got = await request(sys.app).get(`/api/v1/planning/pipeline/${planned.body.id}`).set(auth('a.gruber'));
    if (got.body.status === 'Gestartet') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(got!.body).toMatchObject({ status: 'Gestartet', runId: 'onboarding-09181134' });
  // linked by hand only to the Gemeinde's own onboarding
  const wrong = await request(sys.app).patch(`/api/v1/planning/pipeline/${planned.body.id}`).set(auth('a.gruber')).send({ runId: 'onboarding-09181128' });
  expect(wrong.body.errors).toEqual([{ path: 'runId', message: 'Kein Onboarding onboarding-09181128 dieser Gemeinde gefunden' }]);
  const linked = await request(sys.app).patch(`/api/v1/planning/pipeline/${planned.body.id}`).set(auth('a.gruber')).send({ runId: 'onboarding-09181134' });
  expect(linked.body).toMatchObject({ status: 'Gestartet', runId: 'onboarding-09181134' });
  // the run is the Gemeinde's work now: a what-if for another Gemeinde sees it as a run
  const res = await request(sys.app).post('/api/v1/planning/what-if').set(auth('a.gruber'))
    .send({ ags: '09181139', variant: 'mitglied', verfahren: ['ok-ewo'], workstations: 10 });
  expect(res.body.effects).toContainEqual(expect.objectContaining({ id: 'onboarding-09181134', kind: 'run' }));
  expect(res.body.effects.some((e: { id: string }) => e.id === planned.body.id)).toBe(false);

  // a Gemeinde whose onboarding runs is neither asked about nor planned again, at its field
  const running = /^Für Prittriching läuft bereits ein Onboarding( \(Go-live-Prognose \d\d\.\d\d\.\d{4}\))?\.$/;
  const asked = await request(sys.app).post('/api/v1/planning/what-if').set(auth('a.gruber'))
    .send({ ags: '09181134', variant: 'mitglied', verfahrenCount: 2, workstations: 10 });
  expect(asked.status).toBe(422);
  expect(asked.body.errors).toEqual([{ path: 'ags', message: expect.stringMatching(running) }]);
  const again = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber')).send({ ...entry, ags: '09181134' });
  expect(again.body.errors).toEqual([{ path: 'ags', message: expect.stringMatching(running) }]);
});

it('keeps one planned entry per Gemeinde, and a what-if for a planned Gemeinde stands in for its entry', async () => {
  const planned = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber')).send({ ...entry, ags: '09181127' });
  const other = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber')).send({ ...entry, ags: '09181144' });
  const twice = await request(sys.app).post('/api/v1/planning/pipeline').set(auth('a.gruber')).send({ ...entry, ags: '09181127' });
  const message = `Igling ist bereits geplant (gewünschter Go-live ${entry.desiredGoLive.split('-').reverse().join('.')}): bitte diesen Eintrag ändern.`;
  expect([twice.status, twice.body.errors]).toEqual([422, [{ path: 'ags', message }]]);
  const moved = await request(sys.app).patch(`/api/v1/planning/pipeline/${other.body.id}`).set(auth('a.gruber')).send({ ags: '09181127' });
  expect([moved.status, moved.body.errors]).toEqual([422, [{ path: 'ags', message }]]);
  // its own entry may keep its Gemeinde
  await request(sys.app).patch(`/api/v1/planning/pipeline/${planned.body.id}`).set(auth('a.gruber')).send({ ags: '09181127', workstations: 40 }).expect(200);

  const res = await request(sys.app).post('/api/v1/planning/what-if').set(auth('a.gruber'))
    .send({ ags: '09181127', variant: 'dienstleistung', verfahrenCount: 4, workstations: 40 });
  expect(res.body.replacesPlanned).toEqual({ id: planned.body.id, desiredGoLive: entry.desiredGoLive });
  expect(res.body.effects.map((e: { id: string }) => e.id)).not.toContain(planned.body.id);
  for (const e of [planned, other]) await request(sys.app).delete(`/api/v1/planning/pipeline/${e.body.id}`).set(auth('a.gruber')).expect(204);
});
