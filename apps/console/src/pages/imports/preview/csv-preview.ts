import type { FilePreview } from './file-preview';

type Delimiter = ',' | ';' | '\t';
const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/**
 * The delimiter of the header row, as the server picks it: the one of comma, semicolon and tab
 * that occurs most outside quotes, comma on a tie or when none occurs.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted) {
      if (c === '\n' || c === '\r') break;
      if (c === ',' || c === ';' || c === '\t') counts[c]++;
    }
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t']
    ? ';'
    : counts['\t'] > counts[','] && counts['\t'] > counts[';']
      ? '\t'
      : ',';
}

/**
 * RFC 4180 records from the start of `text`: quoted fields may hold delimiters, doubled quotes and
 * line breaks; records end at LF, CRLF or CR. When the text is only the start of the file (`eof`
 * false), a record the text cuts off is left out.
 */
export function parseCsvRecords(text: string, delimiter: string, eof: boolean, limit: number): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (i < text.length && records.length < limit) {
    const c = text[i];
    if (c === '"' && field === '') {
      const close = closingQuote(text, i + 1);
      if (close === -1) {
        if (!eof) return records; // the quoted field goes on past what was read
        field = text.slice(i + 1).replace(/""/g, '"');
        i = text.length;
        break;
      }
      field = text.slice(i + 1, close).replace(/""/g, '"');
      i = close + 1;
      // text between the closing quote and the delimiter is kept as it is
      while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
    } else if (c === delimiter) {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (records.length < limit && eof && (field !== '' || record.length > 0)) endRecord();
  return records;
}

function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (text[i + 1] === '"') i++;
    else return i;
  }
  return -1;
}

const isBlank = (record: string[]) => record.length === 1 && record[0] === '';

/** The header and first data rows of a CSV file's start (blank lines are skipped, as on import). */
export function previewCsv(text: string, eof: boolean, maxRows: number): FilePreview {
  const delimiter = detectDelimiter(text);
  const records = parseCsvRecords(text, delimiter, eof, maxRows * 4 + 2);
  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex === -1) throw new Error('The file has no header row: its first line must name the columns.');
  const headers = records[headerIndex];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let more = !eof;
  for (let n = headerIndex + 1; n < records.length; n++) {
    if (isBlank(records[n])) continue;
    if (rows.length === maxRows) {
      more = true;
      break;
    }
    rows.push(records[n]);
    rowNumbers.push(n + 1);
  }
  const notes = [`Delimiter: ${DELIMITER_NAMES[delimiter]}.`];
  const ragged = rows.filter((r) => r.length !== headers.length).length;
  if (ragged > 0)
    notes.push(`${ragged} of the rows shown have more or fewer cells than the header: they will be bad rows.`);
  return { format: 'csv', headers, rows, rowNumbers, more, notes };
}
