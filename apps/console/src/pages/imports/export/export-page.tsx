import { FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { fieldErrors } from '../../../api/api-error';
import { api } from '../../../api/client';
import { useApi } from '../../../api/use-api';
import { ErrorMessage } from '../../../components/error-message';
import { Page } from '../../../components/page';
import { useTenantAccess } from '../../../session/tenant-access';
import { importPaths } from '../import-paths';
import { ExportFormat, startExport } from '../jobs-api';
import { exportRequest, exportSelection, filterText } from './export-query';

const FORMATS: Array<{ value: ExportFormat; label: string }> = [
  { value: 'csv', label: 'CSV' },
  { value: 'xlsx', label: 'XLSX (Excel)' },
  { value: 'json', label: 'JSON (an array of objects)' },
  { value: 'ndjson', label: 'NDJSON (one object per line)' },
];

/**
 * `/imports/export?table=<table>&<record list query>`: exports the rows the grid shows (its filter,
 * sort and columns) as a file. Starting it opens the export's page, which follows it to the download.
 */
export function ExportPage() {
  const { tenant } = useTenantAccess();
  const navigate = useNavigate();
  const [query, setQuery] = useSearchParams();
  const selection = exportSelection(query);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const tables = useApi(
    () => api.GET('/api/tenants/{tenant}/tables', { params: { path: { tenant }, query: { pageSize: 1000 } } }),
    [tenant],
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const { data, error: failure } = await startExport(tenant, exportRequest(selection, format));
    setBusy(false);
    setError(failure ?? null);
    if (data) navigate(importPaths.exportJob(tenant, data.id));
  }

  const conditions = filterText(selection.filter);
  const errors = fieldErrors(error);
  return (
    <Page title="Export" actions={<Link to={importPaths.home(tenant)}>All imports and exports</Link>}>
      <form className="form export-form" onSubmit={(event) => void submit(event)} aria-label="Export rows">
        <div className="field">
          <label htmlFor="export-table">Table</label>
          <select
            id="export-table"
            value={selection.table}
            required
            onChange={(event) => setQuery({ table: event.target.value })}
            aria-invalid={errors.table ? true : undefined}
            aria-describedby={errors.table ? 'export-table-error' : undefined}
          >
            <option value="">Choose a table</option>
            {tables.status === 'ok' &&
              tables.data.results.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
            {tables.status !== 'ok' && selection.table && <option value={selection.table}>{selection.table}</option>}
          </select>
          {errors.table && (
            <p className="field-error" id="export-table-error">
              Error: {errors.table}
            </p>
          )}
        </div>
        {tables.status === 'error' && <ErrorMessage error={tables.error} title="The tables could not be loaded" />}

        <section aria-labelledby="export-rows-title">
          <h2 id="export-rows-title">Rows</h2>
          <ul className="export-selection">
            <li>
              Filter: {conditions.length === 0 ? 'none (every row)' : conditions.map((c) => <code key={c}>{c}</code>)}
            </li>
            <li>Sort: {selection.sort ? <code>{selection.sort}</code> : "the table's default order"}</li>
            <li>Columns: {selection.fields ? <code>{selection.fields}</code> : 'all'}</li>
          </ul>
          {selection.dropped.length > 0 && (
            <p className="notice">
              Not applied: {selection.dropped.join('; ')}. Use a filter in the grid to narrow the rows.
            </p>
          )}
          <p className="hint">
            To export other rows, set the filter in the table&apos;s data grid and export from there.
          </p>
        </section>

        <fieldset>
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.value}>
              <input
                type="radio"
                name="format"
                value={f.value}
                checked={format === f.value}
                onChange={() => setFormat(f.value)}
              />{' '}
              {f.label}
            </label>
          ))}
        </fieldset>

        {error !== null && <ErrorMessage error={error} title="The export was not started" />}
        {['filter', 'sort', 'fields'].map(
          (field) =>
            errors[field] && (
              <p key={field} className="field-error" role="alert">
                Error in the {field}: {errors[field]}
              </p>
            ),
        )}
        <button type="submit" disabled={busy || !selection.table}>
          {busy ? 'Starting…' : 'Start export'}
        </button>
      </form>
    </Page>
  );
}
