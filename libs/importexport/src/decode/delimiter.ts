import type { CsvDelimiter } from './csv-decoder';

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * The delimiter of the header row: the candidate that occurs most outside quotes (comma on a tie or
 * when none occurs). Undefined while the header row is not complete in `buf` and more may follow.
 */
export function detectDelimiter(buf: Buffer, pos: number, eof: boolean): CsvDelimiter | undefined {
  const counts = [0, 0, 0];
  let quoted = false;
  let i = pos;
  for (; i < buf.length; i++) {
    const c = buf[i];
    if (c === 0x22) quoted = !quoted;
    else if (!quoted) {
      if (c === 0x0a || c === 0x0d) break;
      if (c === 0x2c) counts[0]++;
      else if (c === 0x3b) counts[1]++;
      else if (c === 0x09) counts[2]++;
    }
  }
  if (i >= buf.length && !eof) return undefined;
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return CANDIDATES[best];
}
