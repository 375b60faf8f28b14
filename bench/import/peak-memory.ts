import { readFileSync, writeFileSync } from 'node:fs';

/** Peak resident memory of a child process (Linux): `VmHWM` in /proc, reset between steps. */
export function peakRssBytes(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** Writing 5 to clear_refs resets the peak to the current resident size (Linux 4.0 and later). */
export function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
