import 'reflect-metadata';
import { auditAppendBench, auditConcurrentWritersBench, BenchResult } from './audit-append.bench';
import { benchDatabase } from './bench-database';
import { recordValidatorBench } from './record-validator.bench';
import { tenantMigrationBench } from './tenant-migration.bench';

/** `npm run bench`: each figure is a ratio against a baseline measured in the same run. */
async function main(): Promise<void> {
  const { dataSource, url, close } = await benchDatabase();
  const results: BenchResult[] = [];
  try {
    results.push(await auditAppendBench(dataSource, 1000, 1, 'a'));
    results.push(await auditAppendBench(dataSource, 2000, 8, 'b'));
    results.push(...(await auditConcurrentWritersBench(url, 3200, 32)));
    results.push(await tenantMigrationBench(dataSource, 200));
    results.push(await recordValidatorBench(1_000_000));
  } finally {
    await close();
  }
  console.log('\nbenchmark | ours | baseline | ratio');
  for (const r of results) {
    console.log(
      `${r.name} | ${r.ours.toFixed(0)} ${r.unit} | ${r.baseline.toFixed(0)} ${r.unit} | ${(r.ours / r.baseline).toFixed(2)}x`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
