// `promtool check metrics` (Debian's prometheus package; test/global-setup.ts installs it) on a Prometheus text
// exposition: what it says (nothing when the text is clean) and its exit code.
import { spawnSync } from 'node:child_process';

export function promtool(exposition: string): { status: number | null; said: string } {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8', timeout: 30_000 });
  if (run.error) throw run.error;
  return { status: run.status, said: `${run.stdout}${run.stderr}`.trim() };
}
