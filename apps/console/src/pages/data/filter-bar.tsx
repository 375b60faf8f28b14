import { FormEvent, useId, useState } from 'react';
import './common.css';
import { describeFilter, FilterTerm } from './list-query';
import { FilterOperator, GridColumn, isText, OPERATOR_LABELS, operatorsOf } from './table-columns';

const HINTS: Partial<Record<FilterOperator, string>> = { between: 'low,high', in: 'a,b,c', nin: 'a,b,c' };

function hintFor(column: GridColumn | undefined, op: FilterOperator): string {
  if (HINTS[op]) return HINTS[op];
  if (column?.type === 'date') return 'YYYY-MM-DD';
  if (column?.type === 'timestamp') return '2024-05-01T12:00:00Z';
  if (column?.type === 'boolean') return 'true or false';
  return '';
}

/**
 * Filters as the API takes them (`filter[column][op]=value`), built from a column, a condition and
 * a value; the active ones are listed in words, each with its own remove button. `search` is the
 * API's partial match over the text columns. The grid and the charts share it.
 */
export function FilterBar({
  columns,
  filters,
  search,
  onChange,
}: {
  columns: readonly GridColumn[];
  filters: readonly FilterTerm[];
  search: string;
  onChange(next: { filters: FilterTerm[]; search: string }): void;
}) {
  const id = useId();
  const [columnName, setColumnName] = useState((columns.find((c) => !c.system) ?? columns[0])?.name ?? '');
  const column = columns.find((c) => c.name === columnName) ?? columns[0];
  const operators = column ? operatorsOf(column) : [];
  const [chosenOp, setOp] = useState<FilterOperator>('eq');
  const op = operators.includes(chosenOp) ? chosenOp : (operators[0] ?? 'eq');
  const [value, setValue] = useState('');
  const [searchText, setSearchText] = useState(search);
  const searchable = columns.some(isText);

  function add(event: FormEvent) {
    event.preventDefault();
    if (!column) return;
    const term: FilterTerm = { column: column.name, op, value: op === 'isNull' ? value || 'true' : value };
    const others = filters.filter((f) => !(f.column === term.column && f.op === term.op));
    onChange({ filters: [...others, term], search });
    setValue('');
  }

  function applySearch(event: FormEvent) {
    event.preventDefault();
    onChange({ filters: [...filters], search: searchText });
  }

  return (
    <section className="filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="small-heading">
        Filters
      </h2>
      <form className="inline-form" onSubmit={add} aria-label="Add a filter">
        <label>
          Column
          <select value={column?.name ?? ''} onChange={(event) => setColumnName(event.target.value)}>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Condition
          <select value={op} onChange={(event) => setOp(event.target.value as FilterOperator)}>
            {operators.map((o) => (
              <option key={o} value={o}>
                {OPERATOR_LABELS[o]}
              </option>
            ))}
          </select>
        </label>
        {op === 'isNull' ? (
          <label>
            Value
            <select value={value || 'true'} onChange={(event) => setValue(event.target.value)}>
              <option value="true">is empty</option>
              <option value="false">is not empty</option>
            </select>
          </label>
        ) : (
          <label>
            Value
            <input
              value={value}
              required
              placeholder={hintFor(column, op)}
              onChange={(event) => setValue(event.target.value)}
            />
          </label>
        )}
        <button type="submit">Add filter</button>
      </form>
      {filters.length > 0 && (
        <ul className="chips" aria-label="Active filters">
          {filters.map((filter) => (
            <li key={`${filter.column}:${filter.op}`}>
              <span>{describeFilter(filter)}</span>
              <button
                type="button"
                className="secondary small"
                aria-label={`Remove filter: ${describeFilter(filter)}`}
                onClick={() => onChange({ filters: filters.filter((f) => f !== filter), search })}
              >
                Remove
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="secondary small" onClick={() => onChange({ filters: [], search })}>
              Clear all filters
            </button>
          </li>
        </ul>
      )}
      {searchable && (
        <form className="inline-form" role="search" onSubmit={applySearch}>
          <label>
            Search the text columns
            <input type="search" value={searchText} onChange={(event) => setSearchText(event.target.value)} />
          </label>
          <button type="submit" className="secondary">
            Search
          </button>
        </form>
      )}
    </section>
  );
}
