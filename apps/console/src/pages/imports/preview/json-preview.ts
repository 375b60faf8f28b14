import type { FilePreview } from './file-preview';

/** A cell of a JSON value as text: strings as they are, anything else as JSON. */
export const cellText = (value: unknown): string =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

/** Where the element starting at `start` ends (its `,` or the array's `]` at depth 0), or -1 if the text ends first. */
function elementEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (i >= text.length) return -1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0) return i;
  }
  return -1;
}

/** The elements of a JSON array's start, each as its source text (at most `limit`), and whether more follow. */
export function arrayElements(text: string, eof: boolean, limit: number): { elements: string[]; more: boolean } {
  let i = text.search(/\S/);
  if (i === -1 || text[i] !== '[')
    throw new Error('The file is not a JSON array: a JSON import is an array of objects, one per row.');
  const elements: string[] = [];
  i++;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) return { elements, more: !eof };
    if (text[i] === ']') return { elements, more: false };
    const end = elementEnd(text, i);
    if (end === -1) return { elements, more: true };
    if (elements.length === limit) return { elements, more: true };
    elements.push(text.slice(i, end).trim());
    i = text[end] === ',' ? end + 1 : end;
  }
}

/** The headers (keys in order of first sight) and cells of parsed rows; a row that is not an object says so. */
function tabulate(sources: string[], rowNumbers: number[]): { headers: string[]; rows: string[][]; notes: string[] } {
  const objects: Array<Record<string, unknown> | string> = sources.map((source) => {
    try {
      const value: unknown = JSON.parse(source);
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : 'is not an object: it will be a bad row';
    } catch {
      return 'is not valid JSON: it will be a bad row';
    }
  });
  const headers: string[] = [];
  for (const o of objects)
    if (typeof o !== 'string') for (const key of Object.keys(o)) if (!headers.includes(key)) headers.push(key);
  const notes: string[] = [];
  const rows = objects.map((o, n) => {
    if (typeof o === 'string') {
      notes.push(`Row ${rowNumbers[n]} ${o}.`);
      return headers.map((_, i) => (i === 0 ? sources[n].slice(0, 80) : ''));
    }
    return headers.map((h) => cellText(o[h]));
  });
  return { headers, rows, notes };
}

export function previewJsonArray(text: string, eof: boolean, maxRows: number): FilePreview {
  const { elements, more } = arrayElements(text, eof, maxRows);
  if (elements.length === 0) throw new Error('The JSON array is empty: there is nothing to import.');
  const rowNumbers = elements.map((_, n) => n + 1);
  const { headers, rows, notes } = tabulate(elements, rowNumbers);
  return { format: 'json', headers, rows, rowNumbers, more, notes };
}

/** NDJSON: one object per line; blank lines are skipped, rows are numbered by line. */
export function previewNdjson(text: string, eof: boolean, maxRows: number): FilePreview {
  const lines = text.split(/\r?\n/);
  if (!eof) lines.pop(); // the last line may be cut off
  const sources: string[] = [];
  const rowNumbers: number[] = [];
  let more = !eof;
  for (let n = 0; n < lines.length; n++) {
    if (lines[n].trim() === '') continue;
    if (sources.length === maxRows) {
      more = true;
      break;
    }
    sources.push(lines[n]);
    rowNumbers.push(n + 1);
  }
  if (sources.length === 0) throw new Error('The file has no line with a JSON object: there is nothing to import.');
  const { headers, rows, notes } = tabulate(sources, rowNumbers);
  return { format: 'ndjson', headers, rows, rowNumbers, more, notes };
}
