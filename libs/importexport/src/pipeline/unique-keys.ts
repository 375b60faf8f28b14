import { TableDefinition } from '@app/dataschema';

/** The column sets that must be unique: unique columns, then unique indexes. */
export function uniqueKeysOf(table: TableDefinition): string[][] {
  const keys = table.columns.filter((c) => c.unique === true).map((c) => [c.name]);
  for (const index of table.indexes ?? []) if (index.unique === true) keys.push([...index.columns]);
  return keys;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const INITIAL_ENTRIES = 1024;

/** FNV-1a over the UTF-16 code units: cheap, and good enough with the full comparison behind it. */
function hashOf(key: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
  return hash | 0;
}

/**
 * The keys of one unique column set seen so far in a file, each with the row that had it first.
 *
 * Flat, so that a million keys cost a few tens of MB and no heap objects: the keys' UTF-8 bytes one
 * after the other in one buffer, their offsets, lengths, hashes and rows in typed arrays, and an
 * open-addressing table of entry numbers. A `Map` of strings would keep a million strings alive
 * (slices of a decoder's text keep the whole text alive), and the garbage collector would walk them
 * all on every full collection.
 */
export class InFileUniqueIndex {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private offsets = new Uint32Array(INITIAL_ENTRIES);
  private lengths = new Uint32Array(INITIAL_ENTRIES);
  private hashes = new Int32Array(INITIAL_ENTRIES);
  private rows = new Int32Array(INITIAL_ENTRIES);
  private count = 0;
  /** Entry number + 1 per slot, 0 for an empty slot; at most half full. */
  private slots = new Int32Array(INITIAL_ENTRIES * 2);

  constructor(readonly columns: readonly string[]) {}

  /** Remembers `key` for `row`; when an earlier row already had it, that row instead. */
  claim(key: string, row: number): number | undefined {
    const hash = hashOf(key);
    const start = this.used;
    // the key is written after the last one, and kept there only if it is new
    if (start + key.length * 3 > this.bytes.length) this.growBytes(key.length * 3);
    const length = this.bytes.write(key, start, 'utf8');
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slots[slot] - 1;
      if (entry === -1) break;
      if (this.hashes[entry] === hash && this.lengths[entry] === length) {
        const at = this.offsets[entry];
        if (this.bytes.compare(this.bytes, at, at + length, start, start + length) === 0) return this.rows[entry];
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.count++;
    if (entry === this.offsets.length) this.growEntries();
    this.offsets[entry] = start;
    this.lengths[entry] = length;
    this.hashes[entry] = hash;
    this.rows[entry] = row;
    this.slots[slot] = entry + 1;
    this.used = start + length;
    if (this.count * 2 > this.slots.length) this.rehash();
    return undefined;
  }

  get size(): number {
    return this.count;
  }

  private growBytes(need: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + need));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }

  private growEntries(): void {
    const size = this.offsets.length * 2;
    const grow = <T extends Uint32Array | Int32Array>(from: T, to: T) => (to.set(from), to);
    this.offsets = grow(this.offsets, new Uint32Array(size));
    this.lengths = grow(this.lengths, new Uint32Array(size));
    this.hashes = grow(this.hashes, new Int32Array(size));
    this.rows = grow(this.rows, new Int32Array(size));
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = this.hashes[entry] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}
