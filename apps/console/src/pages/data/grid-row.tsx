import { memo } from 'react';
import { Link } from 'react-router';
import type { TenantRecord } from '../../api/records';
import { CellEditor, CellError } from './cell-editor';
import { cellText } from './cell-values';
import { GridSlot, ROW_HEIGHT } from './grid-layout';
import { isEditable, isNumeric } from './table-columns';

/** The cell being edited: its row, column, the text so far, and the API's answer if it refused it. */
export interface Editing {
  row: number;
  id: string;
  column: string;
  text: string;
  error?: string;
  saving: boolean;
}

export interface RowProps {
  index: number;
  /** aria-rowindex: the header (and the new row) come first. */
  ariaIndex: number;
  start: number;
  record?: TenantRecord;
  added: boolean;
  deleted: boolean;
  slots: readonly GridSlot[];
  template: string;
  canEdit: boolean;
  /** The column index of the active cell when it is in this row. */
  activeColumn: number | null;
  /** The editing state when a cell of this row is being edited. */
  editing: Editing | null;
  historyHref(id: string): string;
  onActivate(row: number, column: number): void;
  onStartEdit(row: number, column: string): void;
  onEditChange(text: string): void;
  onEditCommit(): void;
  onEditCancel(): void;
  onDelete(record: TenantRecord, row: number): void;
}

const position = (start: number) => ({ transform: `translateY(${start}px)`, height: ROW_HEIGHT });

/**
 * One row of the grid, absolutely placed by the virtualizer. Only the active cell is in the tab
 * order (a roving tabindex); the grid moves it with the arrow keys. A row whose page is not read
 * yet shows a placeholder that says so.
 */
export const GridRow = memo(function GridRow(props: RowProps) {
  const { index, ariaIndex, start, record, slots, template, activeColumn, editing } = props;
  if (!record)
    return (
      <div role="row" aria-rowindex={ariaIndex} className="grid-row placeholder" style={position(start)}>
        <div role="gridcell" aria-colindex={1} className="grid-cell muted" style={{ gridColumn: '1 / -1' }}>
          Loading row {index + 1}…
        </div>
      </div>
    );
  const id = String(record.id);
  const rowNumber = index + 1;
  const className = `grid-row${props.deleted ? ' deleted' : ''}${props.added ? ' added' : ''}${editing ? ' has-editor' : ''}`;
  return (
    <div
      role="row"
      aria-rowindex={ariaIndex}
      className={className}
      style={{ ...position(start), gridTemplateColumns: template }}
    >
      {slots.map((slot, col) => {
        const active = activeColumn === col;
        const common = {
          role: 'gridcell',
          'aria-colindex': col + 1,
          'data-cell': `${index}:${col}`,
          onClick: () => props.onActivate(index, col),
        };
        if (slot.kind === 'history')
          return (
            <div key="history" {...common} className="grid-cell action">
              <Link
                to={props.historyHref(id)}
                data-focus
                tabIndex={active ? 0 : -1}
                aria-label={props.deleted ? `Restore row ${rowNumber} from its history` : `History of row ${rowNumber}`}
              >
                {props.deleted ? 'Restore…' : 'History'}
              </Link>
            </div>
          );
        if (slot.kind === 'delete')
          return (
            <div key="delete" {...common} className="grid-cell action">
              {!props.deleted && (
                <button
                  type="button"
                  className="danger-quiet small"
                  data-focus
                  tabIndex={active ? 0 : -1}
                  aria-label={`Delete row ${rowNumber}`}
                  onClick={() => props.onDelete(record, index)}
                >
                  Delete
                </button>
              )}
            </div>
          );
        const { column } = slot;
        const editable = props.canEdit && isEditable(column) && !props.deleted;
        const isEditing = editing?.column === column.name;
        const text = cellText(record[column.name]);
        // Ids share their first digits (time-ordered): the end tells rows apart; the title has all of it.
        const shown = column.name === 'id' && text.length > 12 ? `…${text.slice(-12)}` : text;
        const errorId = `cell-error-${index}-${col}`;
        const tags = column.name === 'id' && (props.added || props.deleted);
        return (
          <div
            key={column.name}
            {...common}
            data-column={column.name}
            tabIndex={active && !isEditing ? 0 : -1}
            aria-readonly={editable ? undefined : true}
            aria-invalid={isEditing && editing.error ? true : undefined}
            className={`grid-cell${isNumeric(column) ? ' numeric' : ''}${isEditing ? ' editing' : ''}${isEditing && editing.error ? ' invalid' : ''}`}
            title={text.length > 12 ? text : undefined}
            onDoubleClick={editable ? () => props.onStartEdit(index, column.name) : undefined}
          >
            {isEditing ? (
              <>
                <CellEditor
                  column={column}
                  label={`${column.name} of row ${rowNumber}`}
                  value={editing.text}
                  error={editing.error}
                  errorId={errorId}
                  autoFocus
                  disabled={editing.saving}
                  onChange={props.onEditChange}
                  onCommit={props.onEditCommit}
                  onCancel={props.onEditCancel}
                />
                {editing.error && <CellError id={errorId} message={editing.error} />}
              </>
            ) : (
              <>
                {tags && <span className="tag">{props.deleted ? 'Deleted' : 'New'}</span>}
                {shown}
              </>
            )}
          </div>
        );
      })}
    </div>
  );
});
