// A compiled entry point (dist/api/main.js, dist/worker/main.js) as a child process, the way a container runs it:
// `node <file>` with nothing but the given environment, its output kept for assertions and failure messages.
import { spawn, type ChildProcess } from 'node:child_process';

export interface NodeProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** exit code (null when killed by a signal) and the signal */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running; for afterAll */
  kill(): Promise<void>;
}

/** PATH and HOME from the test's environment, nothing else: no NODE_ENV=test, no DATABASE_URL of the developer's. */
export function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' };
}

export function startNode(args: string[], env: Record<string, string>, cwd: string): NodeProcess {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs to the end (for start-up refusals); SIGKILL after timeoutMs. */
export async function runNode(args: string[], env: Record<string, string>, cwd: string, timeoutMs = 30_000) {
  const p = startNode(args, env, cwd);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
  const result = await p.exited;
  clearTimeout(timer);
  return { ...result, stdout: p.stdout(), stderr: p.stderr() };
}

/** Polls until check() is true; fails with the process's output when it exits first or time runs out. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, processes: NodeProcess[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = processes.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    if (dead) throw new Error(`${what}: process exited (${dead.child.exitCode ?? dead.child.signalCode})\n${describe(processes)}`);
    if (await Promise.resolve().then(check).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${describe(processes)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function describe(processes: NodeProcess[]): string {
  return processes.map((p) => `--- ${p.child.spawnargs.slice(1).join(' ')}\nstdout:\n${tail(p.stdout())}\nstderr:\n${tail(p.stderr())}`).join('\n');
}

function tail(s: string, chars = 4000): string {
  return s.length > chars ? `…${s.slice(-chars)}` : s;
}
