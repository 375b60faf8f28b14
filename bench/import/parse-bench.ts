/**
 * Parsing alone, per million rows: our byte-level CSV decoder against fast-csv (and papaparse and
 * csv-parse when installed, e.g. `npm install --no-save papaparse csv-parse`).
 *   node -r @swc-node/register bench/import/parse-bench.ts [rows]
 */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as fastCsvParse } from 'fast-csv';
import { decodeCsv } from '@app/importexport';
import { writeCustomersCsv } from './customers-file';

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = join(process.cwd(), 'var', 'bench');
const file = join(dir, `customers-${rows}.csv`);

async function time(name: string, run: () => Promise<number>) {
  const started = process.hrtime.bigint();
  const count = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${name.padEnd(28)} ${seconds.toFixed(2)} s  ${Math.round(count / seconds).toLocaleString('en')} rows/s  (${count} rows)`,
  );
}

const ours = async (encoding: 'utf8' | 'latin1') => {
  let count = 0;
  for await (const batch of decodeCsv(createReadStream(file, { highWaterMark: 256 * 1024 }), { encoding })) {
    count += batch.length;
  }
  return count - 1;
};

const streamed = (parser: NodeJS.ReadWriteStream) =>
  new Promise<number>((resolve, reject) => {
    let count = 0;
    createReadStream(file)
      .pipe(parser)
      .on('data', () => count++)
      .on('end', () => resolve(count))
      .on('error', reject);
  });

/** A package that may not be installed: the bench measures it only when it is. */
async function optional<T>(name: string): Promise<T | undefined> {
  try {
    return (await import(name)) as T;
  } catch {
    return undefined;
  }
}

interface Papa {
  NODE_STREAM_INPUT: symbol;
  parse(input: symbol, options: object): NodeJS.ReadWriteStream;
}
interface CsvParse {
  parse(options: object): NodeJS.ReadWriteStream;
}

async function main() {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) await writeCustomersCsv(file, rows);
  console.log(`${file}: ${(statSync(file).size / 1e6).toFixed(0)} MB, ${rows} rows`);
  await time('ours (utf8, validated)', () => ours('utf8'));
  await time('ours (latin1)', () => ours('latin1'));
  await time('fast-csv parse', () => streamed(fastCsvParse({ headers: true })));
  const papa = await optional<Papa>('papaparse');
  if (papa) {
    await time('papaparse (stream)', () => streamed(papa.parse(papa.NODE_STREAM_INPUT, { header: true })));
  }
  const csvParse = await optional<CsvParse>('csv-parse');
  if (csvParse) await time('csv-parse', () => streamed(csvParse.parse({ columns: true })));
}

void main();
