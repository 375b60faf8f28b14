/** What the first bytes of a file say it is, whatever its name claims. */
export type Sniffed = 'empty' | 'zip' | 'binary' | 'json-array' | 'json-object' | 'text';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, UTF8_BOM);
}

export function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, ZIP_EMPTY)) return 'zip';
  let i = hasUtf8Bom(bytes) ? 3 : 0;
  const end = Math.min(bytes.length, 4096);
  for (let j = i; j < end; j++) if (bytes[j] === 0) return 'binary';
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (i >= bytes.length) return 'empty';
  if (bytes[i] === 0x5b) return 'json-array';
  if (bytes[i] === 0x7b) return 'json-object';
  return 'text';
}
