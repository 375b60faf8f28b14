import { GridColumn } from './table-columns';

/**
 * Which columns the grid shows. The choice is the list's `fields` parameter, so the API sends only
 * those columns; `id` is always shown (rows are edited, deleted and restored by it).
 */
export function ColumnPicker({
  columns,
  fields,
  onChange,
}: {
  columns: readonly GridColumn[];
  fields: readonly string[] | null;
  onChange(fields: string[] | null): void;
}) {
  const shown = new Set(fields ?? columns.map((c) => c.name));
  shown.add('id');
  const count = columns.filter((c) => shown.has(c.name)).length;

  function toggle(name: string, on: boolean) {
    const next = columns
      .filter((c) => c.name === 'id' || (c.name === name ? on : shown.has(c.name)))
      .map((c) => c.name);
    onChange(next.length === columns.length ? null : next);
  }

  return (
    <details className="column-picker">
      <summary>
        Columns: {count} of {columns.length} shown
      </summary>
      <fieldset>
        <legend>Columns to show</legend>
        {columns.map((column) => (
          <label key={column.name} className="check">
            <input
              type="checkbox"
              checked={shown.has(column.name)}
              disabled={column.name === 'id'}
              onChange={(event) => toggle(column.name, event.target.checked)}
            />
            {column.name}
            {column.name === 'id' && ' (always shown)'}
          </label>
        ))}
        <button type="button" className="secondary small" disabled={fields === null} onClick={() => onChange(null)}>
          Show all columns
        </button>
      </fieldset>
    </details>
  );
}
