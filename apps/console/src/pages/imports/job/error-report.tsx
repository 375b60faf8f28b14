import { useState } from 'react';
import { saveDownload } from '../../../api/save-download';
import { useApi } from '../../../api/use-api';
import { ErrorMessage } from '../../../components/error-message';
import { Loading } from '../../../components/loading';
import { badRowsUrl, ImportJob, importErrors } from '../jobs-api';

const PAGE_SIZE = 50;

/** The per-row errors of a finished import, a page at a time, and the bad rows as a CSV file. */
export function ErrorReport({ tenant, job }: { tenant: string; job: ImportJob }) {
  const [page, setPage] = useState(1);
  const errors = useApi(() => importErrors(tenant, job.id, page, PAGE_SIZE), [tenant, job.id, page]);
  const [download, setDownload] = useState<{ busy: boolean; error: unknown; saved: string | null }>({
    busy: false,
    error: null,
    saved: null,
  });
  const shown = errors.latest;
  const total = shown?.count ?? job.summary?.errorsStored ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  async function downloadBadRows() {
    setDownload({ busy: true, error: null, saved: null });
    const result = await saveDownload(badRowsUrl(tenant, job.id), `import-${job.id}-errors.csv`);
    setDownload({ busy: false, error: result.ok ? null : result.error, saved: result.ok ? result.fileName : null });
  }

  return (
    <section aria-labelledby="error-report-title" className="error-report">
      <h2 id="error-report-title">Error report</h2>
      <p>
        {total.toLocaleString('en')} problems in {(job.summary?.rowsInvalid ?? 0).toLocaleString('en')} bad rows. Row
        numbers are as a spreadsheet shows them (the header is row 1)
        {job.format === 'json' ? '; for JSON, the element’s position' : ''}
        {job.format === 'ndjson' ? '; for NDJSON, the line' : ''}. Fix the rows in the downloaded file and import it
        again.
      </p>
      <button type="button" onClick={() => void downloadBadRows()} disabled={download.busy}>
        {download.busy ? 'Downloading…' : 'Download the bad rows (CSV)'}
      </button>
      {download.saved && (
        <p role="status">
          <span aria-hidden="true">✓</span> Saved as {download.saved}.
        </p>
      )}
      {download.error !== null && <ErrorMessage error={download.error} title="The bad rows could not be downloaded" />}
      {errors.status === 'error' && <ErrorMessage error={errors.error} title="The errors could not be loaded" />}
      {!shown && errors.status === 'loading' && <Loading label="Loading the errors" />}
      {shown && (
        <table className="error-table">
          <caption>
            Problems {(page - 1) * PAGE_SIZE + 1}–{Math.min(page * PAGE_SIZE, total)} of {total}
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Value</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {shown.results.map((error, n) => (
              <tr key={`${error.row}-${error.column}-${n}`}>
                <td>{error.row}</td>
                <td>{error.column ?? '(whole row)'}</td>
                <td className="cell-value">{error.value ?? ''}</td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav aria-label="Error report pages" className="pager">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous page
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next page
          </button>
        </nav>
      )}
    </section>
  );
}
