import { Inflate } from 'fflate';

/** One file inside a zip archive, located through the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const READ_CHUNK = 256 * 1024;

const notAWorkbook = () =>
  new Error('The file is not an XLSX workbook (not a zip archive). Save it as .xlsx and choose it again.');

async function bytesAt(file: Blob, start: number, end: number): Promise<DataView> {
  return new DataView(await file.slice(start, end).arrayBuffer());
}

/**
 * The entries of a zip archive, read from its central directory at the end of the file: random
 * access, so only the parts a preview needs are read (never the whole workbook).
 */
export async function zipEntries(file: Blob): Promise<Map<string, ZipEntry>> {
  const tailStart = Math.max(0, file.size - (0xffff + 22));
  const tail = await bytesAt(file, tailStart, file.size);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw notAWorkbook();
  const size = tail.getUint32(eocd + 12, true);
  const offset = tail.getUint32(eocd + 16, true);
  if (offset === 0xffffffff || size === 0xffffffff)
    throw new Error('The workbook is too large to preview here; the import itself will read it.');
  const directory = await bytesAt(file, offset, offset + size);
  const names = new TextDecoder('utf-8');
  const entries = new Map<string, ZipEntry>();
  for (let p = 0; p + 46 <= directory.byteLength && directory.getUint32(p, true) === CENTRAL;) {
    const nameLength = directory.getUint16(p + 28, true);
    const extraLength = directory.getUint16(p + 30, true);
    const commentLength = directory.getUint16(p + 32, true);
    const name = names.decode(new Uint8Array(directory.buffer, p + 46, nameLength));
    entries.set(name, {
      name,
      method: directory.getUint16(p + 10, true),
      compressedSize: directory.getUint32(p + 20, true),
      localHeaderOffset: directory.getUint32(p + 42, true),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The text of an entry, inflated chunk by chunk until `enough(textSoFar)` says so (or the entry
 * ends): the start of a large sheet is read without unpacking the rest.
 */
export async function entryText(
  file: Blob,
  entry: ZipEntry,
  enough: (text: string) => boolean = () => false,
): Promise<string> {
  const local = await bytesAt(file, entry.localHeaderOffset, entry.localHeaderOffset + 30);
  if (local.getUint32(0, true) !== LOCAL) throw notAWorkbook();
  const start = entry.localHeaderOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
  const end = start + entry.compressedSize;
  if (entry.method !== 0 && entry.method !== 8)
    throw new Error(`The workbook uses a compression this preview cannot read (method ${entry.method}).`);
  const decoder = new TextDecoder('utf-8');
  let text = '';
  const inflate = new Inflate((chunk) => {
    text += decoder.decode(chunk, { stream: true });
  });
  for (let at = start; at < end; at += READ_CHUNK) {
    const chunk = new Uint8Array(await file.slice(at, Math.min(end, at + READ_CHUNK)).arrayBuffer());
    const last = at + READ_CHUNK >= end;
    if (entry.method === 0) text += decoder.decode(chunk, { stream: !last });
    else inflate.push(chunk, last);
    if (!last && enough(text)) break;
  }
  return text;
}
