import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { saveDownload } from '../../../api/save-download';
import { ErrorMessage } from '../../../components/error-message';
import { Loading } from '../../../components/loading';
import { Page } from '../../../components/page';
import { useTenantAccess } from '../../../session/tenant-access';
import { importPaths } from '../import-paths';
import { formatTime, StatusText } from '../job-status';
import { exportDownloadUrl, getExport, isActive } from '../jobs-api';
import { useJob } from '../use-job';

const size = (bytes: number) =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1048576
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

/** One export: followed while it runs, then its file to download. */
export function ExportJobPage() {
  const { tenant } = useTenantAccess();
  const id = useParams().id ?? '';
  const job = useJob(() => getExport(tenant, id), [tenant, id]);
  const [download, setDownload] = useState<{ busy: boolean; error: unknown; saved: string | null }>({
    busy: false,
    error: null,
    saved: null,
  });
  const current = job.latest;

  async function save() {
    if (!current) return;
    setDownload({ busy: true, error: null, saved: null });
    const result = await saveDownload(exportDownloadUrl(tenant, id), `${current.table}.${current.format}`);
    setDownload({ busy: false, error: result.ok ? null : result.error, saved: result.ok ? result.fileName : null });
  }

  return (
    <Page
      title={current ? `Export of ${current.table}` : 'Export'}
      actions={<Link to={importPaths.home(tenant)}>All imports and exports</Link>}
    >
      {!current && job.status === 'loading' && <Loading label="Loading the export" />}
      {!current && job.status === 'error' && <ErrorMessage error={job.error} title="The export could not be loaded" />}
      {current && (
        <>
          <dl className="job-facts">
            <dt>Status</dt>
            <dd>
              <StatusText status={current.status} />
            </dd>
            <dt>Format</dt>
            <dd>{current.format.toUpperCase()}</dd>
            <dt>Submitted</dt>
            <dd>{formatTime(current.createdAt)}</dd>
            <dt>Started</dt>
            <dd>{formatTime(current.startedAt)}</dd>
            <dt>Finished</dt>
            <dd>{formatTime(current.finishedAt)}</dd>
          </dl>
          {isActive(current.status) && (
            <div className="job-progress">
              <progress aria-label="Export progress" aria-valuetext="working" />
              <p role="status" aria-live="polite">
                {current.status === 'queued' ? 'Waiting for a worker to start the export…' : 'Writing the file…'}
              </p>
            </div>
          )}
          {job.status === 'error' && (
            <ErrorMessage error={job.error} title="The export's progress could not be read (reload the page)" />
          )}
          {current.status === 'succeeded' && current.summary && (
            <div className="notice notice-ok" role="status">
              <p>
                <strong>Export finished.</strong> {current.summary.message} ({size(current.summary.bytes)}).
              </p>
              <button type="button" onClick={() => void save()} disabled={download.busy}>
                {download.busy ? 'Downloading…' : `Download the ${current.format.toUpperCase()} file`}
              </button>
              {download.saved && (
                <p>
                  <span aria-hidden="true">✓</span> Saved as {download.saved}.
                </p>
              )}
            </div>
          )}
          {(current.status === 'failed' || current.status === 'cancelled') && (
            <div className="notice notice-error" role="alert">
              <strong>The export {current.status}.</strong> {current.error ?? ''} Start it again from the export page;
              if it fails again, narrow the filter or ask an admin to check the worker.
            </div>
          )}
          {download.error !== null && <ErrorMessage error={download.error} title="The file could not be downloaded" />}
          <p>
            <Link to={importPaths.newExport(tenant, new URLSearchParams({ table: current.table }).toString())}>
              Export {current.table} again
            </Link>
          </p>
        </>
      )}
    </Page>
  );
}
