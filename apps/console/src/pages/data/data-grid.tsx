import { useVirtualizer } from '@tanstack/react-virtual';
import { KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { describeError, fieldErrors } from '../../api/api-error';
import type { TenantRecord } from '../../api/records';
import { cellText, parseInput } from './cell-values';
import { GridHeader } from './grid-header';
import { gridSlots, gridTemplate, HEADER_HEIGHT, NEW_ROW_HEIGHT, OVERSCAN, ROW_HEIGHT } from './grid-layout';
import { Editing, GridRow } from './grid-row';
import { SortTerm } from './list-query';
import { NewRow } from './new-row';
import { RecordPages } from './record-pages';
import { patchRecord } from './records-api';
import { GridColumn, isEditable } from './table-columns';

export interface DataGridProps {
  tenant: string;
  table: string;
  columns: readonly GridColumn[];
  allColumns: readonly GridColumn[];
  store: RecordPages;
  sort: readonly SortTerm[];
  onSort(column: string): void;
  canEdit: boolean;
  creating: boolean;
  onCreated(record: TenantRecord): void;
  onCancelCreate(): void;
  onDelete(record: TenantRecord, row: number): void;
  historyHref(id: string): string;
  announce(message: string): void;
}

const KEYS = new Set(['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageDown', 'PageUp']);

/**
 * The rows of a table as an ARIA grid, virtualised: only the rows on screen (and a few either
 * side) are in the DOM, placed at their offset; the store reads pages by cursor as they come into
 * view. Arrow keys, Home/End (with Ctrl: first/last row), Page Up/Down move the active cell;
 * Enter or F2 edits it, Enter saves, Escape cancels.
 */
export function DataGrid(props: DataGridProps) {
  const { store, columns, canEdit, creating, tenant, table, announce } = props;
  useSyncExternalStore(store.subscribe, store.version);
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const slots = useMemo(() => gridSlots(columns, canEdit), [columns, canEdit]);
  const { template, width } = gridTemplate(slots);
  const headHeight = HEADER_HEIGHT + (creating ? NEW_ROW_HEIGHT : 0);
  const headRows = creating ? 2 : 1;
  const rowCount = store.rowCount;
  const hasMore = store.hasMore;

  // TanStack Virtual returns functions that change without a new identity, so the React Compiler
  // leaves this component alone; the console does not use the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    paddingStart: headHeight,
    scrollPaddingStart: headHeight,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length > 0 ? items[0].index : 0;
  const last = items.length > 0 ? items[items.length - 1].index : 0;
  useEffect(() => store.ensure(first, last), [store, first, last, rowCount]);

  const [active, setActive] = useState({ row: 0, col: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const focusWanted = useRef(false);
  const activeRow = Math.min(active.row, Math.max(0, rowCount - 1));
  const activeCol = Math.min(active.col, slots.length - 1);

  // After a keyboard move (or the end of an edit), focus the active cell once it is rendered.
  useEffect(() => {
    if (!focusWanted.current) return;
    const cell = gridRef.current?.querySelector<HTMLElement>(`[data-cell="${activeRow}:${activeCol}"]`);
    if (!cell) return;
    focusWanted.current = false;
    (cell.querySelector<HTMLElement>('[data-focus]') ?? cell).focus({ preventScroll: true });
    const scroller = scrollRef.current;
    if (
      scroller &&
      (cell.offsetLeft < scroller.scrollLeft ||
        cell.offsetLeft + cell.offsetWidth > scroller.scrollLeft + scroller.clientWidth)
    )
      scroller.scrollLeft = Math.max(0, cell.offsetLeft + cell.offsetWidth - scroller.clientWidth);
  });

  const onActivate = useCallback((row: number, col: number) => setActive({ row, col }), []);

  const onStartEdit = useCallback(
    (row: number, column: string) => {
      const { record, deleted } = store.rowAt(row);
      if (!record || deleted) return;
      setEditing({ row, id: String(record.id), column, text: cellText(record[column]), saving: false });
    },
    [store],
  );
  const onEditChange = useCallback((text: string) => setEditing((e) => e && { ...e, text, error: undefined }), []);
  const onEditCancel = useCallback(() => {
    setEditing(null);
    focusWanted.current = true;
  }, []);

  const editingRef = useRef(editing);
  useEffect(() => {
    editingRef.current = editing;
  });
  const onEditCommit = useCallback(async () => {
    const current = editingRef.current;
    if (!current || current.saving) return;
    const column = columns.find((c) => c.name === current.column);
    const record = store.rowAt(current.row).record;
    if (!column || !record) return;
    if (current.text === cellText(record[column.name])) {
      setEditing(null);
      focusWanted.current = true;
      return;
    }
    const parsed = parseInput(column, current.text);
    if (!parsed.ok) {
      setEditing({ ...current, error: parsed.message });
      return;
    }
    setEditing({ ...current, saving: true });
    const result = await patchRecord(tenant, table, current.id, { [column.name]: parsed.value });
    if (result.data) {
      store.replace(result.data);
      setEditing(null);
      focusWanted.current = true;
      announce(`Saved ${column.name} of row ${current.row + 1}.`);
    } else {
      const message = fieldErrors(result.error)[column.name] ?? describeError(result.error);
      setEditing({ ...current, saving: false, error: message });
    }
  }, [columns, store, tenant, table, announce]);
  const commit = useCallback(() => void onEditCommit(), [onEditCommit]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    if (target.closest('.cell-input, .grid-header, .new-row')) return;
    const slot = slots[activeCol];
    if ((event.key === 'Enter' || event.key === 'F2') && slot?.kind === 'data') {
      if (canEdit && isEditable(slot.column)) {
        event.preventDefault();
        onStartEdit(activeRow, slot.column.name);
      }
      return;
    }
    if (!KEYS.has(event.key) || rowCount === 0) return;
    event.preventDefault();
    const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 0) - headHeight) / ROW_HEIGHT) - 1);
    let { row, col } = { row: activeRow, col: activeCol };
    const ctrl = event.ctrlKey || event.metaKey;
    switch (event.key) {
      case 'ArrowDown':
        row += 1;
        break;
      case 'ArrowUp':
        row -= 1;
        break;
      case 'ArrowRight':
        col += 1;
        break;
      case 'ArrowLeft':
        col -= 1;
        break;
      case 'Home':
        if (ctrl) row = 0;
        else col = 0;
        break;
      case 'End':
        if (ctrl) row = rowCount - 1;
        else col = slots.length - 1;
        break;
      case 'PageDown':
        row += pageRows;
        break;
      case 'PageUp':
        row -= pageRows;
        break;
    }
    row = Math.max(0, Math.min(rowCount - 1, row));
    col = Math.max(0, Math.min(slots.length - 1, col));
    setActive({ row, col });
    focusWanted.current = true;
    virtualizer.scrollToIndex(row, { align: 'auto' });
  }

  const ariaRowCount = store.count === null ? -1 : Math.max(store.count, rowCount) + headRows;
  return (
    <div className="grid-scroll" ref={scrollRef}>
      <div
        role="grid"
        ref={gridRef}
        aria-label={`Rows of ${table}`}
        aria-describedby="grid-help"
        aria-rowcount={ariaRowCount}
        aria-colcount={slots.length}
        aria-readonly={canEdit ? undefined : true}
        className="grid"
        style={{ height: virtualizer.getTotalSize(), width }}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="grid-head" style={{ height: headHeight, width }}>
          <GridHeader slots={slots} template={template} sort={props.sort} onSort={props.onSort} />
          {creating && (
            <NewRow
              tenant={tenant}
              table={table}
              slots={slots}
              template={template}
              allColumns={props.allColumns}
              onCreated={props.onCreated}
              onCancel={props.onCancelCreate}
            />
          )}
        </div>
        <div role="rowgroup">
          {items.map((item) => {
            if (item.index >= rowCount)
              return (
                <div
                  role="row"
                  key="more"
                  aria-rowindex={item.index + headRows + 1}
                  className="grid-row placeholder"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                >
                  <div role="gridcell" className="grid-cell muted" style={{ gridColumn: '1 / -1' }}>
                    {store.error ? 'The next rows could not be read (see above).' : 'Loading more rows…'}
                  </div>
                </div>
              );
            const view = store.rowAt(item.index);
            const isActiveRow = item.index === activeRow;
            return (
              <GridRow
                // Keys cycle through the rendered range, so a row scrolled out is reused (its text
                // updated in place) for the row scrolled in, rather than removed and built again.
                key={item.index % items.length}
                index={item.index}
                ariaIndex={item.index + headRows + 1}
                start={item.start}
                record={view.record}
                added={view.added}
                deleted={view.deleted}
                slots={slots}
                template={template}
                canEdit={canEdit}
                activeColumn={isActiveRow ? activeCol : null}
                editing={editing?.row === item.index ? editing : null}
                historyHref={props.historyHref}
                onActivate={onActivate}
                onStartEdit={onStartEdit}
                onEditChange={onEditChange}
                onEditCommit={commit}
                onEditCancel={onEditCancel}
                onDelete={props.onDelete}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
