import type { FilePreview } from './file-preview';
import { entryText, zipEntries, ZipEntry } from './zip-entries';

/*
 * The first rows of an XLSX workbook's first sheet, read in the browser: the zip's central
 * directory locates the parts, and only the start of the sheet (and of the shared strings it
 * uses) is unpacked. Loaded with the wizard only when an .xlsx file is chosen (its own chunk).
 * Like the import: the first sheet, its first row is the header, empty rows are skipped.
 */

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const ROW = /<(?:\w+:)?row\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?row>)/g;
const SHARED_STRING = /<(?:\w+:)?si\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?si>)/g;
/** Built-in number formats that show dates or times. */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

function parseXml(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0)
    throw new Error(
      'The workbook could not be read (malformed XML). Open it in a spreadsheet program and save it again.',
    );
  return doc;
}

/** Elements by local name, whatever their prefix. */
const byName = (parent: Document | Element, name: string) => [...parent.getElementsByTagNameNS('*', name)];

/** The namespace declarations of a part's root element (`xmlns`, `xmlns:x14ac`...), from its start. */
function namespacesOf(partStart: string): string {
  const root = /<(?!\?)[^>]*>/.exec(partStart)?.[0] ?? '';
  const declared = root.match(/\sxmlns(?::[\w.-]+)?\s*=\s*("[^"]*"|'[^']*')/g) ?? [];
  return declared.some((d) => /\sxmlns\s*=/.test(d)) ? declared.join('') : `${declared.join('')} xmlns="${MAIN_NS}"`;
}

/**
 * Parses elements cut out of a part (rows, shared strings) inside a root that declares what the
 * part's own root declares, so prefixed names and attributes (x14ac:dyDescent...) stay valid.
 */
const fragment = (xml: string, partStart: string) => parseXml(`<root${namespacesOf(partStart)}>${xml}</root>`);

const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);

async function firstSheet(
  file: Blob,
  entries: Map<string, ZipEntry>,
): Promise<{ path: string; name: string; date1904: boolean }> {
  const workbookEntry = entries.get('xl/workbook.xml');
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  if (!workbookEntry || !relsEntry) throw new Error('The file is a zip archive but not an XLSX workbook.');
  const workbook = parseXml(await entryText(file, workbookEntry));
  const sheet = byName(workbook, 'sheet')[0];
  if (!sheet) throw new Error('The workbook has no sheet.');
  const relationId = [...sheet.attributes].find((a) => a.localName === 'id' && a.prefix !== null)?.value;
  const relations = parseXml(await entryText(file, relsEntry));
  const target = byName(relations, 'Relationship')
    .find((r) => r.getAttribute('Id') === relationId)
    ?.getAttribute('Target');
  if (!target) throw new Error('The workbook does not say where its first sheet is.');
  const date1904 = ['1', 'true'].includes(byName(workbook, 'workbookPr')[0]?.getAttribute('date1904') ?? '');
  return { path: partPath(target), name: sheet.getAttribute('name') ?? 'Sheet1', date1904 };
}

/** The style indexes whose number format shows a date. */
async function dateStyles(file: Blob, entries: Map<string, ZipEntry>): Promise<Set<number>> {
  const entry = entries.get('xl/styles.xml');
  if (!entry) return new Set();
  const styles = parseXml(await entryText(file, entry));
  const custom = new Set(
    byName(styles, 'numFmt')
      .filter((f) => /[dmyhs]/i.test((f.getAttribute('formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '')))
      .map((f) => Number(f.getAttribute('numFmtId'))),
  );
  const cellXfs = byName(styles, 'cellXfs')[0];
  const result = new Set<number>();
  if (!cellXfs) return result;
  byName(cellXfs, 'xf').forEach((xf, index) => {
    const id = Number(xf.getAttribute('numFmtId') ?? 0);
    if (DATE_FORMAT_IDS.has(id) || custom.has(id)) result.add(index);
  });
  return result;
}

/** Shared strings up to index `max` (only as much of the part as needed is unpacked). */
async function sharedStrings(file: Blob, entries: Map<string, ZipEntry>, max: number): Promise<string[]> {
  const entry = entries.get('xl/sharedStrings.xml');
  if (!entry || max < 0) return [];
  const xml = await entryText(file, entry, (text) => (text.match(SHARED_STRING)?.length ?? 0) > max);
  const items = (xml.match(SHARED_STRING) ?? []).slice(0, max + 1).join('');
  // phonetic runs (rPh) are reading aids, not the cell's text
  return byName(fragment(items, xml), 'si').map((si) =>
    byName(si, 't')
      .filter((t) => t.parentElement?.localName !== 'rPh')
      .map((t) => t.textContent ?? '')
      .join(''),
  );
}

/** The 0-based column of a cell reference such as "C12". */
function columnOf(reference: string | null): number | null {
  const letters = reference ? /^[A-Z]+/i.exec(reference)?.[0] : undefined;
  if (!letters) return null;
  return [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
}

function serialDate(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - (date1904 ? 24107 : 25569)) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return serial % 1 === 0 ? iso.slice(0, 10) : iso;
}

interface RawCell {
  column: number;
  type: string;
  style: number;
  value: string | null;
  inline: string | null;
}

function rawCells(row: Element): RawCell[] {
  let next = 0;
  return byName(row, 'c').map((c) => {
    const column = columnOf(c.getAttribute('r')) ?? next;
    next = column + 1;
    const inline = byName(c, 'is')[0];
    return {
      column,
      type: c.getAttribute('t') ?? 'n',
      style: Number(c.getAttribute('s') ?? 0),
      value: byName(c, 'v')[0]?.textContent ?? null,
      inline: inline
        ? byName(inline, 't')
            .map((t) => t.textContent ?? '')
            .join('')
        : null,
    };
  });
}

export async function previewXlsx(file: File, maxRows: number): Promise<FilePreview> {
  const entries = await zipEntries(file);
  const { path, name, date1904 } = await firstSheet(file, entries);
  const sheetEntry = entries.get(path);
  if (!sheetEntry) throw new Error(`The workbook's first sheet (${path}) is missing.`);
  // rows are read until there are enough non-empty ones, plus one to know whether more follow
  const sheetXml = await entryText(file, sheetEntry, (text) => (text.match(ROW)?.length ?? 0) > maxRows + 20);
  const rowElements = byName(fragment((sheetXml.match(ROW) ?? []).join(''), sheetXml), 'row');
  const rows = rowElements.map((row, index) => ({
    number: Number(row.getAttribute('r') ?? index + 1),
    cells: rawCells(row),
  }));
  const maxShared = Math.max(
    -1,
    ...rows.flatMap((r) => r.cells.filter((c) => c.type === 's').map((c) => Number(c.value))),
  );
  const [strings, dates] = await Promise.all([sharedStrings(file, entries, maxShared), dateStyles(file, entries)]);
  const text = (cell: RawCell): string => {
    if (cell.type === 's') return strings[Number(cell.value)] ?? '';
    if (cell.type === 'inlineStr') return cell.inline ?? '';
    if (cell.type === 'b') return cell.value === '1' ? 'TRUE' : 'FALSE';
    if (cell.type === 'n' && cell.value !== null && dates.has(cell.style))
      return serialDate(Number(cell.value), date1904);
    return cell.value ?? '';
  };
  const asTexts = (cells: RawCell[]) => {
    const out: string[] = [];
    for (const cell of cells) out[cell.column] = text(cell);
    return Array.from(out, (v) => v ?? '');
  };
  const nonEmpty = rows
    .map((r) => ({ number: r.number, texts: asTexts(r.cells) }))
    .filter((r) => r.texts.some((t) => t !== ''));
  if (nonEmpty.length === 0) throw new Error('The first sheet is empty: its first row must name the columns.');
  const headers = nonEmpty[0].texts;
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const data = nonEmpty.slice(1, maxRows + 1);
  return {
    format: 'xlsx',
    headers,
    rows: data.map((r) => headers.map((_, i) => r.texts[i] ?? '')),
    rowNumbers: data.map((r) => r.number),
    more: nonEmpty.length > maxRows + 1 || !/<\/(?:\w+:)?sheetData>/.test(sheetXml),
    notes: [`Sheet: ${name}, the workbook's first (the import reads only that one).`],
  };
}
