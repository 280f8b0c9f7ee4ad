// Peak resident memory of a process. Linux keeps the true peak (VmHWM) and lets its owner reset it (clear_refs 5),
// which catches a spike between two samples; the sampled maximum is the fallback elsewhere.
import fs from 'node:fs';

function readKb(pid: number | 'self', field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export interface PeakRss {
  /** resident memory now, MB */
  current(): number;
  stop(): { peakMb: number; source: 'VmHWM' | 'sampled' };
}

export function watchPeakRss(pid: number | 'self' = 'self', intervalMs = 250): PeakRss {
  let resetWorked = false;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    resetWorked = true;
  } catch {
    // not Linux, or not allowed: sampling alone
  }
  const current = (): number => (pid === 'self' ? process.memoryUsage().rss / 1024 : readKb(pid, 'VmRSS') ?? 0);
  let sampledKb = current();
  const timer = setInterval(() => {
    sampledKb = Math.max(sampledKb, current());
  }, intervalMs);
  timer.unref();
  return {
    current: () => Math.round(current() / 1024),
    stop() {
      clearInterval(timer);
      const hwm = resetWorked ? readKb(pid, 'VmHWM') : undefined;
      const kb = Math.max(sampledKb, current(), hwm ?? 0);
      return { peakMb: Math.round(kb / 1024), source: hwm !== undefined ? 'VmHWM' : 'sampled' };
    },
  };
}
