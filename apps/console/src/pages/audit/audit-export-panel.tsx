import { FormEvent, useState } from 'react';
import { saveDownload } from '../../api/save-download';
import { ErrorMessage } from '../../components/error-message';
import { apiFilters, AuditFilters } from './audit-query';

/**
 * Downloads the entries that match the current filters as CSV or NDJSON (the server streams them
 * and records an `audit.export` entry, which `onExported` lets the list show).
 */
export function AuditExportPanel({
  tenant,
  filters,
  onExported,
}: {
  tenant: string;
  filters: AuditFilters;
  onExported(): void;
}) {
  const [format, setFormat] = useState<'csv' | 'ndjson'>('csv');
  const [state, setState] = useState<{ busy: boolean; error: unknown; saved: string | null }>({
    busy: false,
    error: null,
    saved: null,
  });
  const active = Object.keys(apiFilters(filters)).length;

  async function download(event: FormEvent) {
    event.preventDefault();
    setState({ busy: true, error: null, saved: null });
    const query = new URLSearchParams({ ...apiFilters(filters), format });
    const result = await saveDownload(
      `/api/tenants/${encodeURIComponent(tenant)}/audit/export?${query.toString()}`,
      `audit-${tenant}.${format}`,
    );
    setState({ busy: false, error: result.ok ? null : result.error, saved: result.ok ? result.fileName : null });
    if (result.ok) onExported();
  }

  return (
    <section aria-labelledby="audit-export-title" className="audit-panel">
      <h2 id="audit-export-title">Export</h2>
      <form onSubmit={(event) => void download(event)} aria-label="Export the trail">
        <p>
          {active === 0
            ? 'Exports the whole trail.'
            : `Exports the entries that match the ${active} filter${active > 1 ? 's' : ''} above.`}{' '}
          Each entry keeps its hash and signature, so the file can be checked offline with the public keys
          (/api/audit/keys). The export itself is recorded in the trail.
        </p>
        <fieldset>
          <legend>Format</legend>
          <label>
            <input type="radio" name="audit-format" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV
            (a spreadsheet)
          </label>
          <label>
            <input
              type="radio"
              name="audit-format"
              checked={format === 'ndjson'}
              onChange={() => setFormat('ndjson')}
            />{' '}
            NDJSON (one JSON entry per line, for tools)
          </label>
        </fieldset>
        <button type="submit" disabled={state.busy}>
          {state.busy ? 'Exporting…' : `Download ${format.toUpperCase()}`}
        </button>
      </form>
      {state.busy && (
        <div className="job-progress">
          <progress aria-label="Export progress" aria-valuetext="downloading" />
        </div>
      )}
      {state.saved && (
        <p role="status">
          <span aria-hidden="true">✓</span> Saved as {state.saved}.
        </p>
      )}
      {state.error !== null && <ErrorMessage error={state.error} title="The trail could not be exported" />}
    </section>
  );
}
