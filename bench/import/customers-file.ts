import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { TableDefinition } from '@app/dataschema';
import { SeededRandom } from '../../test/utils/seeded-random';

/** The benchmark's table: about ten typed columns and a unique email. */
export const CUSTOMERS_TABLE: TableDefinition = {
  name: 'customers',
  columns: [
    { name: 'email', type: 'email', required: true, unique: true },
    { name: 'first_name', type: 'string', maxLength: 100, required: true },
    { name: 'last_name', type: 'string', maxLength: 100, required: true },
    { name: 'age', type: 'integer' },
    { name: 'score', type: 'decimal', precision: 10, scale: 2 },
    { name: 'active', type: 'boolean' },
    { name: 'born', type: 'date' },
    { name: 'signed_up_at', type: 'timestamp' },
    { name: 'status', type: 'enum', values: ['lead', 'customer', 'churned'] },
    { name: 'notes', type: 'text' },
  ],
};

const FIRST = [
  'Anna',
  'Björn',
  'Chloé',
  'Dmitri',
  'Émile',
  'Fatima',
  'György',
  'Hana',
  'Ivan',
  'Jürgen',
  'Kai',
  'Lucía',
];
const LAST = ['Smith', 'Müller', 'García', 'Øster', 'Nguyen', "O'Brien", 'Kowalski', 'Søren', 'Dubois', 'Rossi'];
const NOTES = ['', 'plain note', 'likes "quotes", and commas', 'two\nlines', 'ümlaut, accents é à', 'short'];

const csvCell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * Writes a deterministic customers CSV of `rows` data rows. With `badEvery`, every n-th row is bad:
 * a missing required value, a bad email, a bad date or a duplicate email, in turn.
 */
export async function writeCustomersCsv(path: string, rows: number, badEvery = 0): Promise<number> {
  const random = new SeededRandom(42);
  const out = createWriteStream(path);
  out.write('email,first_name,last_name,age,score,active,born,signed_up_at,status,notes\n');
  let lines: string[] = [];
  let bad = 0;
  for (let i = 1; i <= rows; i++) {
    let email = `customer${i}@example.com`;
    let first = random.pick(FIRST);
    let born = `19${random.int(50, 99)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    if (badEvery > 0 && i % badEvery === 0) {
      const kind = bad++ % 4;
      if (kind === 0) first = '';
      else if (kind === 1) email = `not-an-email-${i}`;
      else if (kind === 2) born = '1990-02-30';
      else email = `customer${i - 1}@example.com`;
    }
    const seconds = random.int(0, 86399);
    const signedUp = `2024-0${random.int(1, 9)}-1${random.int(0, 9)}T${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}Z`;
    lines.push(
      [
        email,
        csvCell(first),
        csvCell(random.pick(LAST)),
        String(random.int(18, 90)),
        `${random.int(0, 99999)}.${String(random.int(0, 99)).padStart(2, '0')}`,
        random.next() < 0.5 ? 'true' : 'false',
        born,
        signedUp,
        random.pick(['lead', 'customer', 'churned']),
        csvCell(random.pick(NOTES)),
      ].join(','),
    );
    if (lines.length === 1000) {
      if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain');
      lines = [];
    }
  }
  if (lines.length > 0) out.write(lines.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
  return rows;
}
