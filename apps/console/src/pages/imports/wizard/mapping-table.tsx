import { useId } from 'react';
import type { FilePreview } from '../preview/file-preview';
import type { MappingProblems, TableColumn } from './table-columns';

const IGNORE = '';

/**
 * Step 3: which column each header of the file fills, pre-filled as the import would match them
 * (same name, or the same ignoring case, spaces and underscores). "Ignore" leaves a header out.
 */
export function MappingTable({
  preview,
  columns,
  mapping,
  onChange,
  problems,
  serverError,
}: {
  preview: FilePreview;
  columns: TableColumn[];
  mapping: Record<string, string | null>;
  onChange(mapping: Record<string, string | null>): void;
  problems: MappingProblems;
  serverError?: string;
}) {
  const id = useId();
  const headers = preview.headers.filter((h) => h.trim() !== '');
  return (
    <>
      <table className="mapping-table">
        <caption>File headers and the columns they fill</caption>
        <thead>
          <tr>
            <th scope="col">File header</th>
            <th scope="col">First value</th>
            <th scope="col">Column</th>
          </tr>
        </thead>
        <tbody>
          {headers.map((header, n) => {
            const problem = problems.byHeader[header];
            const selectId = `${id}-${n}`;
            return (
              <tr key={header}>
                <th scope="row">{header}</th>
                <td>{preview.rows[0]?.[preview.headers.indexOf(header)] ?? ''}</td>
                <td>
                  <label className="visually-hidden" htmlFor={selectId}>
                    Column for {header}
                  </label>
                  <select
                    id={selectId}
                    value={mapping[header] ?? IGNORE}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? `${selectId}-error` : undefined}
                    onChange={(event) => onChange({ ...mapping, [header]: event.target.value || null })}
                  >
                    <option value={IGNORE}>Ignore this header</option>
                    {columns.map((column) => (
                      <option key={column.name} value={column.name}>
                        {column.name} ({column.type}
                        {column.required ? ', required' : ''}
                        {column.unique ? ', unique' : ''})
                      </option>
                    ))}
                  </select>
                  {problem && (
                    <p className="field-error" id={`${selectId}-error`}>
                      Error: {problem}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {problems.missing.length > 0 && (
        <p className="notice notice-error" role="alert">
          <strong>Missing:</strong> no header fills {problems.missing.join(', ')}, which every row needs (required,
          without a default). Map a header to {problems.missing.length > 1 ? 'them' : 'it'}, or add the column to the
          file.
        </p>
      )}
      {serverError && (
        <p className="field-error" role="alert">
          Error: {serverError}
        </p>
      )}
    </>
  );
}
