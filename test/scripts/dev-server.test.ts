// The dev server's start-up: a port taken under it (its internal services pick free ports of their own) costs a
// new launch, not the start; anything else fails the start with the server's own words.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevServer } from '../../scripts/dev-server';
import { temporalCliPath } from '../../scripts/temporal-cli';
import { freePort } from '../../runtime/free-port';

jest.setTimeout(90_000);

let dir: string;
const realCli = temporalCliPath();
const saved = process.env.TEMPORAL_CLI_PATH;

/** A stand-in for the CLI that says `first` and exits 1 on its first `failures` launches, then runs the real one. */
function standIn(failures: number, first: string): string {
  const script = path.join(dir, 'temporal');
  fs.writeFileSync(script, `#!/usr/bin/env bash
n=$(cat "${dir}/launches" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "${dir}/launches"
if [ "$n" -le ${failures} ]; then echo "${first}" >&2; exit 1; fi
exec "${realCli}" "$@"
`, { mode: 0o755 });
  return script;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-server-test-'));
});
afterEach(() => {
  if (saved === undefined) delete process.env.TEMPORAL_CLI_PATH;
  else process.env.TEMPORAL_CLI_PATH = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

it('launches again when a port was taken at start-up', async () => {
  process.env.TEMPORAL_CLI_PATH = standIn(1, 'Error: listen tcp 127.0.0.1:41234: bind: address already in use');
  const server = await startDevServer({ dataDir: path.join(dir, 'data'), port: await freePort(), uiPort: await freePort(), namespace: 'default' });
  try {
    expect(fs.readFileSync(path.join(dir, 'launches'), 'utf8').trim()).toBe('2');
  } finally {
    await server.stop();
  }
});

it('gives up after three launches, and on any other failure at once, with what the server said', async () => {
  process.env.TEMPORAL_CLI_PATH = standIn(3, 'Error: listen tcp 127.0.0.1:41234: bind: address already in use');
  await expect(startDevServer({ dataDir: path.join(dir, 'a'), port: await freePort(), uiPort: await freePort(), namespace: 'default' }))
    .rejects.toThrow(/exited with 1.*\n.*address already in use/);
  expect(fs.readFileSync(path.join(dir, 'launches'), 'utf8').trim()).toBe('3');

  fs.rmSync(path.join(dir, 'launches'));
  process.env.TEMPORAL_CLI_PATH = standIn(1, 'Error: unable to open database file');
  await expect(startDevServer({ dataDir: path.join(dir, 'b'), port: await freePort(), uiPort: await freePort(), namespace: 'default' }))
    .rejects.toThrow(/unable to open database file/);
  expect(fs.readFileSync(path.join(dir, 'launches'), 'utf8').trim()).toBe('1');
});
