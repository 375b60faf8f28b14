import type { RecordPage, TenantRecord } from '../../api/records';

/** The first page is small, to fill the screen fast; the following ones are larger, to scroll far with few requests. */
export const FIRST_PAGE_SIZE = 100;
export const PAGE_SIZE = 500;
/** Pages whose rows stay in memory; farther ones are dropped and read again by their cursor when scrolled back to. */
export const MAX_PAGES_IN_MEMORY = 8;

/** Reads one keyset page: `cursor` is '' for the first one; `withCount` asks for the exact count. */
export type PageLoader = (cursor: string, pageSize: number, withCount: boolean) => Promise<RecordPage>;

interface Slot {
  /** The cursor this page starts at (from the previous page's `next`). */
  cursor: string;
  size: number;
  /** How many rows it holds (known after its first load, kept when its rows are dropped). */
  length: number;
  rows?: TenantRecord[];
  loading: boolean;
}

export interface RowView {
  record?: TenantRecord;
  /** Created in this view: shown first until the list is read again. */
  added: boolean;
  /** Deleted in this view: shown in place, marked, until the list is read again. */
  deleted: boolean;
}

const cursorOf = (next: string | null): string | null => (next ? new URL(next).searchParams.get('cursor') : null);
const idOf = (record: TenantRecord) => String(record.id);

/**
 * The rows of one list query, read by keyset cursor as the user scrolls. Rows are addressed by
 * their position; a page's cursor is kept once known, so a page dropped from memory is read again
 * when it comes back into view. The list grows as the end comes into view (`hasMore`); keyset
 * cursors only go forward, so positions past the last page read are not addressable yet.
 *
 * A small external store for `useSyncExternalStore`: `subscribe` and `version`.
 */
export class RecordPages {
  private readonly slots: Slot[] = [];
  private starts: number[] = [];
  private knownRows = 0;
  private nextCursor: string | null = '';
  private appending = false;
  private wanted: [number, number] = [0, 0];
  private readonly addedIds: Set<string>;
  private readonly deletedIds = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private disposed = false;
  private versionNumber = 0;
  /** The exact number of matching rows, from the first page. */
  count: number | null = null;
  /** Why the last read failed; nothing more is read until `retry()`. */
  error: unknown = null;

  constructor(
    private readonly load: PageLoader,
    private readonly added: TenantRecord[] = [],
  ) {
    this.addedIds = new Set(added.map(idOf));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  version = (): number => this.versionNumber;

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  /** Rows that can be shown: added ones, then every row of the pages read so far. */
  get rowCount(): number {
    return this.added.length + this.knownRows;
  }

  /** More rows exist past `rowCount` (or the first page is still being read). */
  get hasMore(): boolean {
    return this.appending || this.nextCursor !== null;
  }

  get loading(): boolean {
    return this.slots.some((slot) => slot.loading);
  }

  get deletedCount(): number {
    return this.deletedIds.size;
  }

  rowAt(index: number): RowView {
    if (index < this.added.length) {
      const record = this.added[index];
      return { record, added: true, deleted: this.deletedIds.has(idOf(record)) };
    }
    const slot = this.slotOf(index - this.added.length);
    const record = slot ? slot.slot.rows?.[slot.offset] : undefined;
    return { record, added: false, deleted: record !== undefined && this.deletedIds.has(idOf(record)) };
  }

  /** Makes sure rows `first`..`last` are read (or being read); reads the next page when the range reaches the end. */
  ensure(first: number, last: number): void {
    this.wanted = [first, last];
    if (this.error !== null || this.disposed) return;
    const from = Math.max(0, first - this.added.length);
    const to = last - this.added.length;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      const start = this.starts[i];
      if (start > to) break;
      if (start + slot.length > from && !slot.rows && !slot.loading) this.read(slot, false);
    }
    if (last >= this.rowCount - 1 && this.nextCursor !== null && !this.appending) this.append();
  }

  retry(): void {
    this.error = null;
    this.changed();
    this.ensure(...this.wanted);
  }

  /** Shows a record as the API stored it after an edit. */
  replace(record: TenantRecord): void {
    const id = idOf(record);
    const inAdded = this.added.findIndex((r) => idOf(r) === id);
    if (inAdded !== -1) this.added[inAdded] = record;
    for (const slot of this.slots) {
      const at = slot.rows?.findIndex((r) => idOf(r) === id) ?? -1;
      if (at !== -1) slot.rows = slot.rows!.map((r, i) => (i === at ? record : r));
    }
    this.changed();
  }

  markDeleted(id: string): void {
    this.deletedIds.add(id);
    this.changed();
  }

  private append(): void {
    const first = this.slots.length === 0;
    const slot: Slot = {
      cursor: this.nextCursor ?? '',
      size: first ? FIRST_PAGE_SIZE : PAGE_SIZE,
      length: 0,
      loading: false,
    };
    this.slots.push(slot);
    this.starts.push(this.knownRows);
    this.appending = true;
    this.nextCursor = null;
    this.read(slot, first);
  }

  private read(slot: Slot, withCount: boolean): void {
    const appending = slot === this.slots[this.slots.length - 1] && this.appending;
    slot.loading = true;
    this.changed();
    this.load(slot.cursor, slot.size, withCount).then(
      (page) => {
        if (this.disposed) return;
        slot.loading = false;
        slot.rows = page.results.filter((record) => !this.addedIds.has(idOf(record)));
        slot.length = slot.rows.length;
        if (appending) {
          this.appending = false;
          this.nextCursor = cursorOf(page.next);
        }
        if (withCount) this.count = page.count;
        this.reindex();
        this.forgetFarPages();
        this.changed();
        this.ensure(...this.wanted);
      },
      (error: unknown) => {
        if (this.disposed) return;
        slot.loading = false;
        if (appending) {
          this.slots.pop();
          this.starts.pop();
          this.appending = false;
          this.nextCursor = slot.cursor;
        }
        this.error = error;
        this.changed();
      },
    );
  }

  private reindex(): void {
    let start = 0;
    this.starts = this.slots.map((slot) => {
      const at = start;
      start += slot.length;
      return at;
    });
    this.knownRows = start;
  }

  private slotOf(position: number): { slot: Slot; offset: number } | undefined {
    let low = 0;
    let high = this.slots.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const start = this.starts[mid];
      if (position < start) high = mid - 1;
      else if (position >= start + this.slots[mid].length) low = mid + 1;
      else return { slot: this.slots[mid], offset: position - start };
    }
    return undefined;
  }

  /** Drops the rows of the pages farthest from what is on screen, keeping their cursors. */
  private forgetFarPages(): void {
    const inMemory = this.slots.map((slot, i) => ({ slot, i })).filter(({ slot }) => slot.rows && !slot.loading);
    if (inMemory.length <= MAX_PAGES_IN_MEMORY) return;
    const [first, last] = this.wanted.map((n) => n - this.added.length);
    const distance = (i: number) => {
      const start = this.starts[i];
      const end = start + this.slots[i].length - 1;
      return end < first ? first - end : start > last ? start - last : 0;
    };
    inMemory.sort((a, b) => distance(b.i) - distance(a.i));
    for (const { slot } of inMemory.slice(0, inMemory.length - MAX_PAGES_IN_MEMORY)) slot.rows = undefined;
  }

  private changed(): void {
    this.versionNumber++;
    for (const listener of this.listeners) listener();
  }
}
