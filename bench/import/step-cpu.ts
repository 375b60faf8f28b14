import { readdirSync, readFileSync } from 'node:fs';
import { processCpuSeconds } from '../http/process-cpu';

/** CPU seconds so far per process: the named ones, and each PostgreSQL backend of `database` as `postgres`. */
export type CpuSample = Map<string, number>;

/**
 * What the processes of a step have used so far (Linux). On a shared machine the CPU a step costs
 * moves far less than its seconds; a backend is found by its process title (`postgres: ... <db> ...`).
 */
export function sampleCpu(named: Record<string, number | undefined>, database: string): CpuSample {
  const sample: CpuSample = new Map();
  for (const [name, pid] of Object.entries(named)) {
    const cpu = processCpuSeconds(pid);
    if (cpu !== undefined) sample.set(name, cpu);
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let title: string;
    try {
      title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!title.startsWith('postgres: ') || !title.includes(` ${database} `)) continue;
    const cpu = processCpuSeconds(Number(entry));
    if (cpu !== undefined) sample.set(`postgres:${entry}`, cpu);
  }
  return sample;
}

/** The CPU used between two samples, by process kind (all backends as one `postgres`), as text. */
export function cpuBetween(before: CpuSample, after: CpuSample): string {
  const used = new Map<string, number>();
  for (const [key, cpu] of after) {
    const kind = key.startsWith('postgres:') ? 'postgres' : key;
    used.set(kind, (used.get(kind) ?? 0) + cpu - (before.get(key) ?? 0));
  }
  const total = [...used.values()].reduce((sum, cpu) => sum + cpu, 0);
  const parts = [...used].map(([kind, cpu]) => `${kind} ${cpu.toFixed(2)}`);
  return `CPU ${total.toFixed(2)} s: ${parts.join(', ')}`;
}
