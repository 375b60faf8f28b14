import { FormEvent, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { fieldErrors } from '../../../api/api-error';
import { api } from '../../../api/client';
import { useApi } from '../../../api/use-api';
import { ErrorMessage } from '../../../components/error-message';
import { Loading } from '../../../components/loading';
import { Page } from '../../../components/page';
import { paths } from '../../../routes';
import { useTenantAccess } from '../../../session/tenant-access';
import { ImportFormat, startImport } from '../jobs-api';
import { importPaths } from '../import-paths';
import { FilePreview, formatOfName, previewFile } from '../preview/file-preview';
import { FileStep } from './file-step';
import { MappingTable } from './mapping-table';
import { ImportMode, ModeOptions } from './mode-options';
import { PreviewTable } from './preview-table';
import { randomKey } from './random-key';
import { autoMapping, columnsOf, mappingProblems } from './table-columns';

type PreviewState =
  | { status: 'none' }
  | { status: 'reading' }
  | { status: 'ok'; preview: FilePreview }
  | { status: 'error'; message: string };

/**
 * The import wizard: a table and a file; the file's first rows, read in the browser; which column
 * each header fills; how to import (insert or upsert, abort or skip on bad rows, dry run). Starting
 * it uploads the file and opens the job's page, which follows its progress.
 */
export function ImportWizard() {
  const { tenant } = useTenantAccess();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const tables = useApi(
    () => api.GET('/api/tenants/{tenant}/tables', { params: { path: { tenant }, query: { pageSize: 1000 } } }),
    [tenant],
  );
  const [tableName, setTableName] = useState(search.get('table') ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [preview, setPreview] = useState<PreviewState>({ status: 'none' });
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [mode, setMode] = useState<ImportMode>({ mode: 'insert', onError: 'skip', dryRun: false, upsertKey: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(randomKey);

  const table = tables.status === 'ok' ? tables.data.results.find((t) => t.name === tableName) : undefined;
  const columns = useMemo(() => (table ? columnsOf(table) : []), [table]);

  async function read(chosen: File, as: ImportFormat, forTable = columns) {
    setPreview({ status: 'reading' });
    setError(null);
    try {
      const result = await previewFile(chosen, as);
      setPreview({ status: 'ok', preview: result });
      setMapping(autoMapping(result.headers, forTable));
    } catch (failure) {
      setPreview({ status: 'error', message: failure instanceof Error ? failure.message : String(failure) });
    }
  }

  function chooseFile(chosen: File | null) {
    setFile(chosen);
    setIdempotencyKey(randomKey());
    if (!chosen) return setPreview({ status: 'none' });
    const detected = formatOfName(chosen.name) ?? format;
    setFormat(detected);
    void read(chosen, detected);
  }

  function chooseTable(name: string) {
    setTableName(name);
    const next = tables.status === 'ok' ? tables.data.results.find((t) => t.name === name) : undefined;
    const nextColumns = next ? columnsOf(next) : [];
    if (preview.status === 'ok') setMapping(autoMapping(preview.preview.headers, nextColumns));
    const key = nextColumns.find((c) => c.unique)?.name;
    setMode((m) => (m.mode === 'upsert' && key ? { ...m, upsertKey: key } : { ...m, mode: 'insert', upsertKey: '' }));
  }

  const problems = mappingProblems(mapping, columns);
  const blocked =
    !table ||
    !file ||
    preview.status !== 'ok' ||
    Object.keys(problems.byHeader).length > 0 ||
    problems.missing.length > 0 ||
    (mode.mode === 'upsert' && !mode.upsertKey);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (blocked || !file) return;
    setBusy(true);
    const { data, error: failure } = await startImport(
      tenant,
      file,
      {
        table: tableName,
        format,
        mode: mode.mode,
        upsertKey: mode.mode === 'upsert' ? mode.upsertKey : undefined,
        onError: mode.onError,
        dryRun: mode.dryRun,
        mapping,
      },
      idempotencyKey,
    );
    setBusy(false);
    setError(failure ?? null);
    if (data) navigate(importPaths.importJob(tenant, data.id));
  }

  const errors = fieldErrors(error);
  return (
    <Page title="New import" actions={<Link to={importPaths.home(tenant)}>All imports and exports</Link>}>
      {tables.status === 'loading' && <Loading label="Loading the tables" />}
      {tables.status === 'error' && <ErrorMessage error={tables.error} title="The tables could not be loaded" />}
      {tables.status === 'ok' && tables.data.results.length === 0 && (
        <p className="notice">
          This tenant has no table yet. <Link to={paths.tables(tenant)}>Create a table</Link> first, then import rows
          into it.
        </p>
      )}
      {tables.status === 'ok' && tables.data.results.length > 0 && (
        <form className="import-wizard" onSubmit={(event) => void submit(event)} aria-label="Import a file">
          <FileStep
            tables={tables.data.results.map((t) => t.name)}
            table={tableName}
            onTable={chooseTable}
            format={format}
            onFormat={(next) => {
              setFormat(next);
              if (file) void read(file, next);
            }}
            onFile={chooseFile}
            errors={errors}
          />

          <section aria-labelledby="preview-title" className="wizard-step">
            <h2 id="preview-title">2. First rows</h2>
            {preview.status === 'none' && <p>Choose a file to see its first rows.</p>}
            {preview.status === 'reading' && <Loading label="Reading the file" />}
            {preview.status === 'error' && (
              <div className="notice notice-error" role="alert">
                <strong>The file could not be read:</strong> {preview.message} Check the format above, or choose another
                file.
              </div>
            )}
            {preview.status === 'ok' && <PreviewTable preview={preview.preview} />}
          </section>

          {preview.status === 'ok' && (
            <section aria-labelledby="mapping-title" className="wizard-step">
              <h2 id="mapping-title">3. Columns</h2>
              {!table ? (
                <p>Choose the table to import into, above, to map the file&apos;s headers to its columns.</p>
              ) : (
                <MappingTable
                  preview={preview.preview}
                  columns={columns}
                  mapping={mapping}
                  onChange={setMapping}
                  problems={problems}
                  serverError={errors.mapping}
                />
              )}
            </section>
          )}

          <ModeOptions columns={columns} value={mode} onChange={setMode} errors={errors} />

          {error !== null && <ErrorMessage error={error} title="The import was not started" />}
          {blocked && preview.status === 'ok' && table && <p className="hint">{blockedReason(problems, mode)}</p>}
          {busy && file && <Loading label={`Uploading ${file.name} (${fileSize(file.size)})`} />}
          <button type="submit" disabled={blocked || busy}>
            {busy ? 'Uploading…' : mode.dryRun ? 'Start dry run' : 'Start import'}
          </button>
        </form>
      )}
    </Page>
  );
}

const fileSize = (bytes: number) =>
  bytes < 1048576 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`;

function blockedReason(problems: ReturnType<typeof mappingProblems>, mode: ImportMode): string {
  if (problems.missing.length > 0)
    return `To start, give ${problems.missing.join(', ')} a header: every row needs ${problems.missing.length > 1 ? 'these columns' : 'this column'}.`;
  if (Object.keys(problems.byHeader).length > 0) return 'To start, send each column at most one header (see above).';
  if (mode.mode === 'upsert' && !mode.upsertKey) return 'To start, choose the key column that upsert matches on.';
  return '';
}
