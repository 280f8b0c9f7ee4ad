// `npm start`'s closing lines: the address of the web UI comes first, and the README shows the same lines.
import fs from 'node:fs';
import path from 'node:path';
import { startBanner } from '../../scripts/start-banner';

const embedded = { baseUrl: 'http://127.0.0.1:3000', temporalAddress: '127.0.0.1:7233', namespace: 'default', temporalUiUrl: 'http://127.0.0.1:8233', demoUsers: true };

it('prints the web UI address first, then the API, Temporal and the demo users', () => {
  const lines = startBanner(embedded).filter((l) => l.trim());
  expect(lines[0]).toMatch(/^ {2}Web UI +http:\/\/127\.0\.0\.1:3000\/ /);
  expect(lines.join('\n')).toContain('API          http://127.0.0.1:3000/api/v1');
  expect(lines.join('\n')).toContain('Temporal UI  http://127.0.0.1:8233');
  expect(lines.join('\n')).toContain('Demo users   http://127.0.0.1:3000/api/v1/dev/users');
});

it('leaves out the Temporal UI and the demo users where there are none (own Temporal server, OIDC)', () => {
  const text = startBanner({ ...embedded, temporalUiUrl: undefined, demoUsers: false }).join('\n');
  expect(text).toContain('Web UI       http://127.0.0.1:3000/');
  expect(text).not.toContain('Temporal UI');
  expect(text).not.toContain('Demo users');
});

it('matches what the README says npm start prints', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
  for (const line of startBanner(embedded).filter((l) => /^ {2}(Web UI|API|Temporal UI|Demo users) /.test(l))) expect(readme).toContain(line);
});
