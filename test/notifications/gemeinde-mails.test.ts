// Mail to the town hall (issue 16 item 3): a welcome to the Gemeinde's contacts when its onboarding starts, and the
// offer with its PDF attached when the offer is released — each once, however often the delivery runs; the
// attachment is the run's stored offer PDF, read back with pdftotext. A migration or rollout welcomes nobody.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDirectory } from '../../activities/directory';
import { captureTransport, type MailTransport, type OutgoingMail } from '../../activities/mail-transport';
import { createNotificationActivities } from '../../activities/notifications';
import { issueOffer } from '../../activities/offer';
import { withOfferPdf } from '../../activities/offer-pdf';
import { DEMO_USERS } from '../../config/users';
import type { Store } from '../../store/store';
import { RunStream } from '../store/fixtures';
import { stepInput } from '../activities/helpers';
import { onboardingRun, rolloutRun } from './events';
import { openTempStore, PUBLIC_URL } from './helpers';

let store: Store;
let closeStore: () => Promise<void>;
beforeAll(async () => {
  ({ store, close: closeStore } = await openTempStore());
});
afterAll(async () => {
  await closeStore?.();
});

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'offer-mail-')), 'angebot.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** Captures into the store and keeps what was sent, with the attachments' bytes. */
function recording(): MailTransport & { sent: OutgoingMail[] } {
  const capture = captureTransport(store.notifications);
  const sent: OutgoingMail[] = [];
  return { kind: 'capture', sent, send: async (m) => { sent.push(m); await capture.send(m); }, close: () => undefined };
}

const deliver = (mail: MailTransport) => createNotificationActivities({
  store, directory: createDirectory({ users: DEMO_USERS }), mail, publicUrl: PUBLIC_URL,
}).deliverNotifications;

it('welcomes the Gemeinde at the start and sends the released offer with its PDF, each once', async () => {
  const runId = 'onboarding-09181128';
  const run = onboardingRun(runId);
  const s = new RunStream(run);
  s.emit('run.started', '2026-03-02T08:00:00.000Z', { actor: 'a.gruber', data: {}, run });
  // the released offer's step stores its PDF as a document of the run, then ends
  const offerStep = withOfferPdf(issueOffer, store.documents);
  const { result } = await offerStep({ ...stepInput({ arbeitsplaetze: 4, verfahren: ['ok-ewo'], rabattProzent: 10 }), runId, ags: '09181128', gemeindeName: 'Kaufering' });
  s.emit('step.done', '2026-03-09T08:00:00.000Z', { actor: 'system', data: { stepId: 'angebot-ausstellen', summary: 'Freigegebenes Angebot' } });
  await store.appendEvents(s.events);

  const mail = recording();
  await deliver(mail)(s.events);
  await deliver(mail)(s.events); // a retry sends nothing twice

  const gemeinde = ['buergermeister-09181128@gemeinde.example', 'geschaeftsleitung-09181128@gemeinde.example'];
  const welcome = mail.sent.filter((m) => m.subject === 'Willkommen: das Onboarding Kaufering hat begonnen');
  expect(welcome.map((m) => m.to).sort()).toEqual(gemeinde);
  expect(welcome[0].text).toContain('Ihre Ansprechperson im KU: Andrea Gruber (a.gruber@ku-it.example)');
  expect(welcome[0].text).toContain(`Ihre Übersicht: ${PUBLIC_URL}/`);

  const offers = mail.sent.filter((m) => m.subject === 'Ihr Angebot für das Onboarding Kaufering');
  expect(offers.map((m) => m.to).sort()).toEqual(gemeinde);
  const attachment = offers[0].attachments![0];
  expect(attachment).toMatchObject({ documentId: (result.document as { id: string }).id, filename: 'Angebot Kaufering.pdf', contentType: 'application/pdf' });
  const text = pdfText(attachment.content);
  expect(text).toContain('Gemeinde Kaufering');
  expect(text).toMatch(/Rabatt\s+10 %/);

  // the captured mail notes its attachment (by document id), as GET /dev/mail would show it
  const captured = await store.notifications.captured({ to: gemeinde[0], limit: 10 });
  expect(captured.find((m) => m.subject.startsWith('Ihr Angebot'))!.attachments).toEqual([{ documentId: attachment.documentId, filename: 'Angebot Kaufering.pdf' }]);
  expect(captured.filter((m) => m.subject.startsWith('Willkommen'))).toHaveLength(1);
});

it('welcomes nobody at the start of a rollout (the onboarding already did)', async () => {
  const run = rolloutRun('rollout-09181128-1');
  const s = new RunStream(run);
  s.emit('run.started', '2026-03-02T08:00:00.000Z', { actor: 'a.gruber', data: {}, run });
  await store.appendEvents(s.events);
  const mail = recording();
  await deliver(mail)(s.events);
  expect(mail.sent.filter((m) => m.to.endsWith('@gemeinde.example'))).toEqual([]);
});
