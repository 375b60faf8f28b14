import { cpus, loadavg } from 'node:os';

/** One measured step of `npm run bench:import`. */
export interface Step {
  name: string;
  rows: number;
  ms: number;
  /** The worker's own time (the job's startedAt to finishedAt), for our steps. */
  workerMs?: number;
  /** The worker's peak resident memory during the step, for our steps. */
  workerPeakBytes?: number;
  note?: string;
}

export interface Ratio {
  name: string;
  ours: Step;
  baseline: Step;
  target: number;
}

const MIB = 2 ** 20;
const rate = (step: Step) => Math.round(step.rows / (step.ms / 1000));

export function machine(postgres: string): string {
  const cpu = cpus();
  return `${cpu.length} x ${cpu[0]?.model ?? 'CPU'}, Node ${process.version}, ${postgres}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
}

export function report(steps: Step[], ratios: Ratio[], workerTargetBytes: number): void {
  console.log('\nstep | rows | seconds | rows/s | worker s | worker peak RSS');
  for (const s of steps) {
    console.log(
      [
        s.name,
        s.rows,
        (s.ms / 1000).toFixed(2),
        rate(s).toLocaleString('en'),
        s.workerMs === undefined ? '' : (s.workerMs / 1000).toFixed(2),
        s.workerPeakBytes === undefined ? '' : `${(s.workerPeakBytes / MIB).toFixed(0)} MiB`,
      ].join(' | ') + (s.note ? `  (${s.note})` : ''),
    );
  }
  console.log('\nratio | value | target');
  for (const r of ratios) {
    const value = rate(r.ours) / rate(r.baseline);
    console.log(`${r.name} | ${value.toFixed(2)} | >= ${r.target} ${value >= r.target ? 'met' : 'MISSED'}`);
  }
  const peak = Math.max(...steps.map((s) => s.workerPeakBytes ?? 0));
  console.log(
    `worker peak RSS | ${(peak / MIB).toFixed(0)} MiB | < ${workerTargetBytes / MIB} MiB ${peak < workerTargetBytes ? 'met' : 'MISSED'}`,
  );
}
