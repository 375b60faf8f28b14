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
const GROWTH = 1.5;
/** Entries per slot at most: linear probing stays short, and the tags spare most comparisons. */
const MAX_LOAD = 0.7;

/**
 * The keys of one unique column set seen so far in a file, each with the row that had it first.
 *
 * Flat, so that a million keys cost a few tens of MB and no heap objects: the keys' UTF-8 bytes one
 * after the other in one buffer, where each starts and its row in typed arrays, and an
 * open-addressing table (at most 70% full) of entry numbers with one byte of each key's hash
 * beside them, so that a slot of another key rarely costs a comparison. A `Map` of strings would
 * keep a million strings alive (slices of a decoder's text keep the whole text alive), and the
 * garbage collector would walk them all on every full collection.
 */
export class InFileUniqueIndex {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  /** Where entry e starts in `bytes`; it ends where e + 1 starts (or at `used`). */
  private starts = new Uint32Array(INITIAL_ENTRIES);
  private rows = new Int32Array(INITIAL_ENTRIES);
  private count = 0;
  /** Entry number + 1 per slot, 0 for an empty slot. */
  private slots = new Int32Array(INITIAL_ENTRIES * 2);
  /** The high byte of the hash of each slot's key. */
  private tags = new Uint8Array(INITIAL_ENTRIES * 2);

  constructor(readonly columns: readonly string[]) {}

  /** Remembers `key` for `row`; when an earlier row already had it, that row instead. */
  claim(key: string, row: number): number | undefined {
    const start = this.used;
    // the key is written after the last one, and kept there only if it is new
    if (start + key.length * 3 > this.bytes.length) this.growBytes(key.length * 3);
    const length = this.bytes.write(key, start, 'utf8');
    const hash = this.hashOf(start, start + length);
    const tag = hash >>> 24;
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slots[slot] - 1;
      if (entry === -1) break;
      if (this.tags[slot] === tag && this.endOf(entry) - this.starts[entry] === length) {
        const at = this.starts[entry];
        if (this.bytes.compare(this.bytes, at, at + length, start, start + length) === 0) return this.rows[entry];
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.count++;
    if (entry === this.starts.length) this.growEntries();
    this.starts[entry] = start;
    this.rows[entry] = row;
    this.slots[slot] = entry + 1;
    this.tags[slot] = tag;
    this.used = start + length;
    if (this.count > this.slots.length * MAX_LOAD) this.rehash();
    return undefined;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes of the keys so far. */
  get keyBytes(): number {
    return this.used;
  }

  /**
   * Makes room for `entries` keys of `bytes` in all at once: growing step by step leaves each
   * smaller buffer behind as garbage (and, promoted by then, until a full collection).
   */
  reserve(entries: number, bytes: number): void {
    if (bytes > this.bytes.length) this.growBytes(bytes - this.used);
    if (entries > this.starts.length) this.growEntries(entries);
    let slots = this.slots.length;
    while (entries > slots * MAX_LOAD) slots *= 2;
    if (slots > this.slots.length) this.rehash(slots);
  }

  private endOf(entry: number): number {
    return entry + 1 < this.count ? this.starts[entry + 1] : this.used;
  }

  /** FNV-1a over the key's bytes. */
  private hashOf(start: number, end: number): number {
    const bytes = this.bytes;
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], FNV_PRIME);
    return hash >>> 0;
  }

  private growBytes(need: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(Math.ceil(this.bytes.length * GROWTH), this.used + need));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }

  private growEntries(atLeast = 0): void {
    const size = Math.max(atLeast, Math.ceil(this.starts.length * GROWTH));
    const starts = new Uint32Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const rows = new Int32Array(size);
    rows.set(this.rows);
    this.rows = rows;
  }

  private rehash(size = this.slots.length * 2): void {
    const slots = new Int32Array(size);
    const tags = new Uint8Array(slots.length);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      const hash = this.hashOf(this.starts[entry], this.endOf(entry));
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
      tags[slot] = hash >>> 24;
    }
    this.slots = slots;
    this.tags = tags;
  }
}
