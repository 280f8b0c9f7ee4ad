// Receivers on loopback for the notification tests (an SMTP server, a webhook endpoint that checks signatures) and
// the wiring of the real notification activity into the test system.
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createStepActivities } from '../../activities';
import { createDeviceBatchActivities } from '../../activities/device-batches';
import { createEventActivities } from '../../activities/events';
import type { DirectoryUser } from '../../activities/directory';
import { notificationDeps } from '../../activities/notification-setup';
import { createNotificationActivities } from '../../activities/notifications';
import { DEMO_USERS } from '../../config/users';
import { openStore, type Store } from '../../store/store';
import { startSystem, type TestSystem } from '../helpers/system';

export const PUBLIC_URL = 'https://onboarding.ku-it.example';

/** The test system with the real notification activity (mail captured in the store, demo users as directory). */
export async function startNotifyingSystem(users: DirectoryUser[] = DEMO_USERS): Promise<TestSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-notify-'));
  const store = await openStore({ dataDir });
  const sys = await startSystem({
    store,
    activities: {
      ...createStepActivities({ store }),
      // an onboarding's rollout step takes its batches from the store
      ...createDeviceBatchActivities(store),
      ...createEventActivities(store),
      ...createNotificationActivities({
        ...notificationDeps(store, { mailFrom: 'onboarding@ku-it.example', publicUrl: PUBLIC_URL, users, webhookAllowLoopback: true }),
        webhookTimeoutMs: 3000,
      }),
    },
  });
  return {
    ...sys,
    async stop() {
      await sys.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function openTempStore(): Promise<{ store: Store; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-notify-store-'));
  const store = await openStore({ dataDir });
  return {
    store,
    async close() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; runId: string; [k: string]: unknown };
  /** the X-Signature header matched an HMAC-SHA256 over the raw body with the expected secret */
  signatureValid: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** statuses to answer with, one per request; 200 once they run out */
  respondWith: number[];
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedHook[]>;
  close(): Promise<void>;
}

export async function webhookReceiver(secret: () => string): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const receiver: Partial<WebhookReceiver> = { received, respondWith: [] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret()).update(raw).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-signature'] ?? ''));
      const signatureValid = expected.length === given.length && timingSafeEqual(expected, given);
      const status = receiver.respondWith!.shift() ?? 200;
      // only accepted deliveries count as received; refused ones are the sender's to retry
      if (status < 300) received.push({ headers: req.headers, raw: raw.toString('utf8'), body: JSON.parse(raw.toString('utf8')), signatureValid });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/ku`,
    waitFor: (n: number, timeoutMs = 30_000) => waitUntil(() => received.length >= n, timeoutMs).then(() => received),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  }) as WebhookReceiver;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A plain SMTP server on loopback that can be stopped and started again on the same port (an outage). */
export async function smtpReceiver(port: number): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  return {
    port,
    mails,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          let raw = '';
          stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
          stream.on('end', () => {
            mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
            callback();
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
    },
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
  };
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
