import { columnWidth } from './cell-values';
import { GridColumn } from './table-columns';

/** Fixed heights, in pixels: the virtualizer positions rows by them, so the stylesheet must not change them. */
export const ROW_HEIGHT = 36;
export const HEADER_HEIGHT = 48;
export const NEW_ROW_HEIGHT = 44;
/** Rows rendered beyond each edge of the screen, so a short scroll shows rows at once. */
export const OVERSCAN = 6;

/** A column of the grid: a record column, or one of the row actions. */
export type GridSlot = { kind: 'data'; column: GridColumn } | { kind: 'history' } | { kind: 'delete' };

export const ACTION_WIDTH = 96;

export function gridSlots(columns: readonly GridColumn[], canEdit: boolean): GridSlot[] {
  // The row's actions come first, so they stay in sight however wide the table is.
  return [
    { kind: 'history' },
    ...(canEdit ? [{ kind: 'delete' } as const] : []),
    ...columns.map((column): GridSlot => ({ kind: 'data', column })),
  ];
}

export const slotWidth = (slot: GridSlot) => (slot.kind === 'data' ? columnWidth(slot.column) : ACTION_WIDTH);

/** The CSS grid template every row shares, and the total width. */
export function gridTemplate(slots: readonly GridSlot[]): { template: string; width: number } {
  const widths = slots.map(slotWidth);
  return { template: widths.map((w) => `${w}px`).join(' '), width: widths.reduce((a, b) => a + b, 0) };
}
