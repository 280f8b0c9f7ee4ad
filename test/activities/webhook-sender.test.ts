// One webhook delivery: why it failed reads in German for the administrator's delivery log, the code beside it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook } from '../../activities/webhook-sender';

const request = (url: string) => ({ url, secret: 'geheimnis-fuer-tests-1234', body: '{}', eventId: 'run:1', eventType: 'task.opened' });

it('says in German why a receiver was not reached: a refused connection, a port fetch never sends to', async () => {
  // a port that was just free: nobody listens there
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));

  const refused = await postWebhook(request(`http://127.0.0.1:${port}/hook`), 2000);
  expect(refused).toMatchObject({ ok: false, error: 'Verbindung abgelehnt (ECONNREFUSED)' });
  const blocked = await postWebhook(request('http://127.0.0.1:9/hook'), 2000);
  expect(blocked).toMatchObject({ ok: false, error: 'Port gesperrt (für andere Dienste reserviert) (bad port)' });
});
