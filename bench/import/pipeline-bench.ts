/**
 * Node's share of an import, per million rows: decode, then decode + map + validate + COPY text +
 * in-file uniqueness, and the peak resident memory.
 *   node -r @swc-node/register bench/import/pipeline-bench.ts [rows]
 */
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileRecordTable } from '@app/dataschema';
import { decodeCsv, RowPipeline, uniqueKeysOf } from '@app/importexport';
import { CUSTOMERS_TABLE, writeCustomersCsv } from './customers-file';

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = join(process.cwd(), 'var', 'bench');

async function run(file: string) {
  const pipeline = new RowPipeline({
    table: compileRecordTable('bench', CUSTOMERS_TABLE),
    uniqueKeys: uniqueKeysOf(CUSTOMERS_TABLE),
  });
  let peak = 0;
  let good = 0;
  let bad = 0;
  let bytes = 0;
  const started = process.hrtime.bigint();
  for await (const batch of decodeCsv(createReadStream(file, { highWaterMark: 256 * 1024 }))) {
    const out = pipeline.processBatch(batch);
    good += out.goodRows;
    bad += out.badRows.length;
    bytes += out.lines.bytes;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${file}: ${seconds.toFixed(2)} s, ${Math.round((good + bad) / seconds).toLocaleString('en')} rows/s, good ${good}, bad ${bad}, COPY text ${(bytes / 1e6).toFixed(0)} MB, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`,
  );
}

async function main() {
  mkdirSync(dir, { recursive: true });
  const clean = join(dir, `customers-${rows}.csv`);
  const dirty = join(dir, `customers-${rows}-bad.csv`);
  if (!existsSync(clean)) await writeCustomersCsv(clean, rows);
  if (!existsSync(dirty)) await writeCustomersCsv(dirty, rows, 100);
  await run(clean);
  await run(dirty);
}

void main();
