// Input checked where it is entered, and the offer built from what the Gemeinde answered: one onboarding driven
// through its first steps over HTTP against a real dev server and worker.
import request from 'supertest';
import { berlinDate } from '../../domain/berlin-time';
import { startSystem, token, type TestSystem } from '../helpers/system';

let sys: TestSystem;
const SIGNED_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const AGS = '09181132';
const GEMEINDE = `buergermeister-${AGS}`;
const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const STAFF = 'Vorname;Nachname;Organisationseinheit\nAnna;Müller;Hauptamt\nThomas;;Kämmerei\nEva;Roth;Bauamt';
const GOOD_STAFF = 'Vorname;Nachname;Organisationseinheit\nAnna;Müller;Hauptamt\nThomas;Berg;Kämmerei';
const daysFromToday = (days: number): string => berlinDate(new Date(Date.now() + days * 86_400_000));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`wartete vergeblich auf ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openTask(runId: string, stepId: string, user: string) {
  const res = await until(
    () => request(sys.app).get(`/api/v1/tasks/${encodeURIComponent(`${runId}:${stepId}`)}`).set(auth(user)),
    (r) => r.status === 200 && r.body.state === 'open',
    `Aufgabe ${stepId}`,
  );
  return res.body as { id: string; context?: { stepId: string; summary?: string; result: Record<string, unknown> } };
}

const complete = (taskId: string, user: string, data: Record<string, unknown>) =>
  request(sys.app).post(`/api/v1/tasks/${encodeURIComponent(taskId)}/complete`).set(auth(user)).send({ data });

const uploadSigned = (runId: string, user: string, kind: string) =>
  request(sys.app).post(`/api/v1/runs/${runId}/documents`).set(auth(user)).field('kind', kind).attach('file', SIGNED_PDF, `${kind}.pdf`).expect(201);

function expectFieldErrors(res: request.Response, path: string, messages: (string | RegExp)[]) {
  expect(res.status).toBe(422);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  const atField = (res.body.errors as { path: string; message: string }[]).filter((e) => e.path === path).map((e) => e.message);
  for (const m of messages) expect(atField).toContainEqual(typeof m === 'string' ? m : expect.stringMatching(m));
}

it('checks files and dates at the field, and offers what the Gemeinde answered with the discount approved', async () => {
  const start = await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send({
    process: 'gemeinde-onboarding',
    input: { ags: AGS, variant: 'mitglied', targetGoLive: daysFromToday(600), projectLead: 'a.gruber', verfahren: ['ok-ewo', 'ok-fis', 'autista'], workstations: 7 },
  });
  expect(start.status).toBe(201);
  const runId = start.body.id as string;
  expect((await complete((await openTask(runId, 'erstgespraech', 'j.bauer')).id, 'j.bauer', {})).status).toBe(200);

  // 13.3: a staff list the account step could not read is refused when submitted, naming the line
  const fragebogen = await openTask(runId, 'fragebogen', GEMEINDE);
  const answers = { arbeitsplaetze: 40, server: 2, verfahrenAnzahl: 3 };
  expectFieldErrors(await complete(fragebogen.id, GEMEINDE, { ...answers, mitarbeiterliste: STAFF }), 'data.mitarbeiterliste', ['Zeile 3: Nachname fehlt']);
  expect((await complete(fragebogen.id, GEMEINDE, { ...answers, mitarbeiterliste: GOOD_STAFF })).status).toBe(200);

  // 12.8: the approval shows the offer it approves, priced from the Fragebogen's 40 workstations (not the request's 7)
  const freigabe = await openTask(runId, 'angebot-freigabe', 's.wagner');
  expect(freigabe.context).toMatchObject({
    stepId: 'angebot-berechnen',
    summary: 'Angebot: 25.980,00 € einmalig, 3.980,00 € monatlich',
    result: { arbeitsplaetze: 40, einmaligEur: 25980 },
  });
  expect((await complete(freigabe.id, 's.wagner', { freigegeben: true, rabattProzent: 10 })).status).toBe(200);
  // … and the discount set there is in the offer issued
  const run = await until(
    () => request(sys.app).get(`/api/v1/runs/${runId}`).set(auth('a.gruber')),
    (r) => r.body.steps?.find((s: { id: string }) => s.id === 'angebot-ausstellen')?.state === 'done',
    'das ausgestellte Angebot',
  );
  expect(run.body.steps.find((s: { id: string }) => s.id === 'angebot-ausstellen').summary)
    .toBe('Freigegebenes Angebot: 23.382,00 € einmalig, 3.582,00 € monatlich (nach 10 % Rabatt)');

  // 13.5: a council decision in the future, a contract before the decision, an AVV signed after today
  const beschluss = await openTask(runId, 'gemeinderatsbeschluss', GEMEINDE);
  expectFieldErrors(await complete(beschluss.id, GEMEINDE, { beschlussDatum: daysFromToday(1) }), 'data.beschlussDatum', [/Gemeinderatsbeschluss kann nicht in der Zukunft liegen/]);
  const decided = daysFromToday(-10);
  expect((await complete(beschluss.id, GEMEINDE, { beschlussDatum: decided })).status).toBe(200);

  const vertrag = await openTask(runId, 'vertrag', 'j.bauer');
  // issue 16: the contract step needs the signed contract, uploaded by the Gemeinde
  expectFieldErrors(await complete(vertrag.id, 'j.bauer', { unterzeichnetAm: decided }), 'document', [/^Der unterschriebene Vertrag fehlt/]);
  await uploadSigned(runId, GEMEINDE, 'vertrag');
  const [y, m, d] = decided.split('-');
  expectFieldErrors(await complete(vertrag.id, 'j.bauer', { unterzeichnetAm: daysFromToday(-11) }), 'data.unterzeichnetAm', [
    `Der Vertrag kann nicht vor dem Gemeinderatsbeschluss vom ${d}.${m}.${y} unterzeichnet sein.`,
  ]);
  expect((await complete(vertrag.id, 'j.bauer', { unterzeichnetAm: decided })).status).toBe(200);

  const avv = await openTask(runId, 'avv', 'b.wolf');
  await uploadSigned(runId, GEMEINDE, 'avv');
  const avvData = { tomGeprueft: true, unterauftragnehmerGeprueft: true };
  expectFieldErrors(await complete(avv.id, 'b.wolf', { ...avvData, unterzeichnetAm: daysFromToday(3) }), 'data.unterzeichnetAm', [/bevor personenbezogene Daten verarbeitet werden/]);
  expect((await complete(avv.id, 'b.wolf', { ...avvData, unterzeichnetAm: daysFromToday(0) })).status).toBe(200);

  // 13.3: an inventory export with a duplicate MAC address and a bad one is refused with its lines
  const inventur = await openTask(runId, 'inventur', 'm.koch');
  const inventory = [
    'Hostname;Seriennummer;MAC;Betriebssystem;Modell',
    'RH-PC-001;SN1001;00:1A:2B:3C:4D:01;Windows 10;Esprimo',
    'RH-PC-002;SN1002;00:1A:2B:3C:4D:01;Windows 10;Esprimo',
    'RH-PC-003;SN1003;00:1A:2B:3C:4D:ZZ;Windows 11;ThinkPad',
  ].join('\n');
  expectFieldErrors(await complete(inventur.id, 'm.koch', { inventarCsv: inventory, vorOrtGeprueft: true }), 'data.inventarCsv', [
    'MAC-Adresse 00:1A:2B:3C:4D:01 kommt mehrfach vor (Zeilen 2, 3)',
    'Zeile 4: MAC-Adresse "00:1A:2B:3C:4D:ZZ" ist ungültig',
  ]);
  const task = await request(sys.app).get(`/api/v1/tasks/${encodeURIComponent(inventur.id)}`).set(auth('m.koch'));
  expect(task.body.state).toBe('open'); // nothing stored
  expect(task.body.data).toBeUndefined();
}, 120_000);
