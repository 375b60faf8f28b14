import { compileRecordTable, validateRecord } from '@app/dataschema';
import { BenchResult } from './audit-append.bench';
import { timed } from './bench-database';

/**
 * Validating and coercing import-like rows (every value a string, as a CSV gives them) against the
 * baseline of copying the same objects key by key: the cost of the checks themselves.
 */
export async function recordValidatorBench(rows: number): Promise<BenchResult> {
  const table = compileRecordTable('tenant_bench', {
    name: 'contacts',
    columns: [
      { name: 'email', type: 'email', required: true },
      { name: 'first_name', type: 'string', maxLength: 100, required: true },
      { name: 'age', type: 'integer' },
      { name: 'score', type: 'decimal', precision: 10, scale: 2 },
      { name: 'active', type: 'boolean' },
      { name: 'born', type: 'date' },
      { name: 'status', type: 'enum', values: ['lead', 'customer'] },
    ],
  });
  const inputs = Array.from({ length: 1000 }, (_, i) => ({
    email: `user${i}@example.com`,
    first_name: `Name ${i}`,
    age: String(i % 90),
    score: `${i}.50`,
    active: i % 2 === 0 ? 'true' : 'false',
    born: '1990-05-17',
    status: i % 2 === 0 ? 'lead' : 'customer',
  }));
  let sink = 0;
  const ours = await timed(async () => {
    for (let i = 0; i < rows; i++) if (validateRecord(table, inputs[i % 1000], 'create').ok) sink++;
  });
  const baseline = await timed(async () => {
    for (let i = 0; i < rows; i++) {
      const input = inputs[i % 1000] as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const key in input) copy[key] = input[key];
      if (copy.email) sink++;
    }
  });
  if (sink !== rows * 2) throw new Error('validation refused a bench row');
  return { name: `record validation, ${rows} rows`, ours, baseline, unit: 'ms' };
}
