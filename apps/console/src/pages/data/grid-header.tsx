import { SortTerm } from './list-query';
import { GridSlot, HEADER_HEIGHT } from './grid-layout';
import { isOrdered } from './table-columns';

const SORT_WORDS = { ascending: 'sorted ascending', descending: 'sorted descending' } as const;

/**
 * The header row: each sortable column's name is a button that cycles its sort (ascending,
 * descending, none). The order is shown by an arrow and said in words, never by colour alone.
 */
export function GridHeader({
  slots,
  template,
  sort,
  onSort,
}: {
  slots: readonly GridSlot[];
  template: string;
  sort: readonly SortTerm[];
  onSort(column: string): void;
}) {
  return (
    <div
      role="row"
      aria-rowindex={1}
      className="grid-row grid-header"
      style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}
    >
      {slots.map((slot, index) => {
        if (slot.kind !== 'data')
          return (
            <div role="columnheader" key={slot.kind} aria-colindex={index + 1} className="grid-cell">
              {slot.kind === 'history' ? 'History' : 'Delete'}
            </div>
          );
        const { column } = slot;
        const term = sort.find((t) => t.column === column.name);
        const order = term ? (term.descending ? 'descending' : 'ascending') : undefined;
        return (
          <div role="columnheader" key={column.name} aria-colindex={index + 1} aria-sort={order} className="grid-cell">
            {isOrdered(column) ? (
              <button
                type="button"
                className="sort-button"
                title={`Sort by ${column.name}`}
                onClick={() => onSort(column.name)}
              >
                <span className="column-name">
                  {column.name}
                  {order && (
                    <>
                      <span aria-hidden="true">{order === 'ascending' ? ' ▲' : ' ▼'}</span>
                      <span className="visually-hidden">, {SORT_WORDS[order]}</span>
                    </>
                  )}
                </span>
                <span className="column-type">
                  {column.type}
                  {column.required ? ', required' : ''}
                </span>
              </button>
            ) : (
              <span className="sort-button">
                <span className="column-name">{column.name}</span>
                <span className="column-type">{column.type}</span>
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
