import type { BenchRun } from '../http/harness';

/** What a section of bench:api gets: the running API (built, on its fresh database) and the run's names. */
export interface ApiBenchContext {
  run: BenchRun;
}

/**
 * One part of `npm run bench:api`: it seeds what it needs in the shared run (its own tenant), loads
 * or times what it measures, and prints its figures. Sections run one after the other, in the order
 * of `SECTIONS` in run-api.ts; BENCH_SECTIONS=<name,...> picks some.
 */
export interface ApiBenchSection {
  name: string;
  run(context: ApiBenchContext): Promise<void>;
}
