import { runMain, startBench, stopBench } from '../http/harness';
import { recordsSection } from './records-section';
import { manyTenantsSection, schemaScaleSection } from './scale-sections';
import { ApiBenchSection } from './section';

/**
 * `npm run bench:api` (issue 11): builds Strata, starts the built API as production runs it on a
 * fresh database, and runs each section against it. Options: BENCH_ROWS (default 1,000,000),
 * BENCH_SECTIONS=<name,...> (records, schema-scale, many-tenants; default all), BENCH_TENANTS=<n>
 * for the many-tenants section, and those of bench/http/harness.ts (BENCH_SECONDS,
 * BENCH_CONNECTIONS, BENCH_NO_BUILD, BENCH_CPU_PROF).
 *
 * To add a section (schema scale, many tenants, ...): write an `ApiBenchSection` that uses its own
 * tenant, and list it here.
 */
const SECTIONS: readonly ApiBenchSection[] = [recordsSection, schemaScaleSection, manyTenantsSection];

async function main(): Promise<void> {
  const wanted = process.env.BENCH_SECTIONS?.split(',').map((name) => name.trim());
  const sections = SECTIONS.filter((section) => !wanted || wanted.includes(section.name));
  if (sections.length === 0) throw new Error(`BENCH_SECTIONS names none of: ${SECTIONS.map((s) => s.name).join(', ')}`);
  const run = await startBench('api');
  try {
    for (const section of sections) await section.run({ run });
  } finally {
    await stopBench(run);
  }
}

runMain(main);
