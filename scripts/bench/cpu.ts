// Where the machine's CPU went during a stretch of the benchmark (Linux /proc): the CPU seconds every process used,
// grouped by what it is (the benchmark's own process with the API and the bot, each worker process, the Temporal
// server, PostgreSQL), and how busy all cores were. It explains a scaling figure: a second worker can only help
// while the cores have time to spare and the worker is what they spend it on.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { round } from './stats';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

export interface CpuSnapshot {
  at: number;
  /** pid → process name and CPU ticks used so far (user + system) */
  ticks: Map<number, { name: string; ticks: number }>;
}

export interface CpuUse {
  cores: number;
  wallSeconds: number;
  /** CPU seconds used in the stretch over what all cores could give (1 = every core busy all the time) */
  utilization: number;
  /** CPU seconds per group, largest first */
  byGroup: { group: string; cpuSeconds: number; share: number }[];
}

/** Ticks of every process now; a process that ends before the next snapshot is not counted. */
export function cpuSnapshot(): CpuSnapshot {
  const ticks = new Map<number, { name: string; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // the name is in parentheses and may itself hold spaces or parentheses: the fields follow the last ')'
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, { name, ticks: Number(fields[11]) + Number(fields[12]) }); // utime, stime (fields 14 and 15)
    } catch {
      // the process ended while we looked
    }
  }
  return { at: performance.now(), ticks };
}

/** The CPU used between two snapshots, grouped by `label(pid, name)` (undefined: by the process name). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot, label: (pid: number, name: string) => string | undefined): CpuUse {
  const groups = new Map<string, number>();
  let total = 0;
  for (const [pid, now] of after.ticks) {
    const used = now.ticks - (before.ticks.get(pid)?.ticks ?? 0);
    if (used <= 0) continue;
    const group = label(pid, now.name) ?? now.name;
    groups.set(group, (groups.get(group) ?? 0) + used);
    total += used;
  }
  const wallSeconds = (after.at - before.at) / 1000;
  const cores = os.availableParallelism();
  return {
    cores,
    wallSeconds: round(wallSeconds, 1),
    utilization: round(total / TICKS_PER_SECOND / (wallSeconds * cores)),
    byGroup: [...groups]
      .sort((a, b) => b[1] - a[1])
      .map(([group, t]) => ({ group, cpuSeconds: round(t / TICKS_PER_SECOND, 1), share: round(t / total) })),
  };
}

/** The servers every stretch shares, as their CPU use is labelled. */
export const SERVER_GROUPS = { postgres: 'PostgreSQL', temporal: 'Temporal server' } as const;

/** A server's label by process name: PostgreSQL or the Temporal server (undefined: neither). */
export function serverGroup(name: string): string | undefined {
  return name === 'postgres' ? SERVER_GROUPS.postgres : name.startsWith('temporal') ? SERVER_GROUPS.temporal : undefined;
}

/** busy and total ticks of all cores so far (the first line of /proc/stat) */
function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = fields.map(Number);
  const idle = n[3] + n[4]; // idle, iowait
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

const QUIET_BUSY = 0.2;
const QUIET_WINDOW_MS = 500;

/**
 * Waits until the cores are quiet: less than 20 % busy over half a second, twice in a row, at most `limitMs`. What a
 * phase set off (a few hundred workflows terminated, their writes and timers) keeps the machine busy for a second
 * or two after it returns, and the next phase would measure that. Returns the seconds waited.
 */
export async function waitForQuiet(limitMs = 20_000): Promise<number> {
  const t0 = performance.now();
  let quiet = 0;
  let before = machineTicks();
  while (quiet < 2 && performance.now() - t0 < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_WINDOW_MS));
    const now = machineTicks();
    const busy = (now.busy - before.busy) / Math.max(1, now.total - before.total);
    quiet = busy < QUIET_BUSY ? quiet + 1 : 0;
    before = now;
  }
  return round((performance.now() - t0) / 1000, 1);
}
