import { KeyboardEvent } from 'react';
import { GridColumn, isNumeric } from './table-columns';

/**
 * The input of a cell being edited (or of the new row): a select for booleans and enums, a date
 * picker for dates, text otherwise (numbers too, so what was typed reaches the API and its message
 * reaches the cell). Enter commits, Escape cancels; the keys stay out of the grid's navigation.
 */
export function CellEditor({
  column,
  label,
  value,
  error,
  errorId,
  autoFocus,
  disabled,
  onChange,
  onCommit,
  onCancel,
}: {
  column: GridColumn;
  label: string;
  value: string;
  error?: string;
  errorId: string;
  autoFocus?: boolean;
  disabled?: boolean;
  onChange(value: string): void;
  onCommit(): void;
  onCancel(): void;
}) {
  const common = {
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    autoFocus,
    disabled,
    className: 'cell-input',
    value,
    onKeyDown(event: KeyboardEvent) {
      event.stopPropagation();
      if (event.key === 'Enter') {
        event.preventDefault();
        onCommit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        onCancel();
      }
    },
  };
  if (column.type === 'boolean' || column.type === 'enum') {
    const options = column.type === 'boolean' ? ['true', 'false'] : (column.values ?? []);
    return (
      <select {...common} onChange={(event) => onChange(event.target.value)}>
        <option value="">(empty)</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      {...common}
      type={column.type === 'date' ? 'date' : 'text'}
      inputMode={isNumeric(column) ? 'decimal' : undefined}
      spellCheck={false}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** A cell's error, in words next to the cell (the input points to it with aria-describedby), and what to do. */
export function CellError({ id, message, hint = true }: { id: string; message: string; hint?: boolean }) {
  return (
    <p className="cell-error" id={id} role="alert">
      Error: {message}
      {hint && <span className="cell-error-hint"> Correct it and press Enter, or Escape to cancel.</span>}
    </p>
  );
}
