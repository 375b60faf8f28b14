import { useId } from 'react';
import type { ImportFormat } from '../jobs-api';

const FORMATS: Array<{ value: ImportFormat; label: string }> = [
  { value: 'csv', label: 'CSV (comma, semicolon or tab separated)' },
  { value: 'xlsx', label: 'XLSX (Excel workbook, first sheet)' },
  { value: 'json', label: 'JSON (an array of objects)' },
  { value: 'ndjson', label: 'NDJSON (one object per line)' },
];

/** Step 1: the table to import into, the file, and how to read it (guessed from the file name). */
export function FileStep({
  tables,
  table,
  onTable,
  format,
  onFormat,
  onFile,
  errors,
}: {
  tables: string[];
  table: string;
  onTable(name: string): void;
  format: ImportFormat;
  onFormat(format: ImportFormat): void;
  onFile(file: File | null): void;
  errors: Record<string, string>;
}) {
  const id = useId();
  const fieldError = (field: string) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        Error: {errors[field]}
      </p>
    ) : null;
  const describedBy = (field: string, hint?: string) =>
    [errors[field] ? `${id}-${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <section aria-labelledby={`${id}-title`} className="wizard-step">
      <h2 id={`${id}-title`}>1. Table and file</h2>
      <div className="field">
        <label htmlFor={`${id}-table`}>Table to import into</label>
        <select
          id={`${id}-table`}
          value={table}
          required
          onChange={(event) => onTable(event.target.value)}
          aria-invalid={errors.table ? true : undefined}
          aria-describedby={describedBy('table')}
        >
          <option value="">Choose a table</option>
          {tables.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        {fieldError('table')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>File (CSV, XLSX, JSON or NDJSON)</label>
        <input
          id={`${id}-file`}
          type="file"
          required
          accept=".csv,.xlsx,.json,.ndjson,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => onFile(event.target.files?.[0] ?? null)}
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={describedBy('file', `${id}-file-hint`)}
        />
        <p className="hint" id={`${id}-file-hint`}>
          The first row (or the objects&apos; keys) names the columns. Its first rows are read here, in your browser;
          the whole file is checked by the server.
        </p>
        {fieldError('file')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-format`}>Read the file as</label>
        <select
          id={`${id}-format`}
          value={format}
          onChange={(event) => onFormat(event.target.value as ImportFormat)}
          aria-invalid={errors.format ? true : undefined}
          aria-describedby={describedBy('format')}
        >
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        {fieldError('format')}
      </div>
    </section>
  );
}
