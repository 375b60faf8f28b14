import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/error-message';
import { Loading } from '../../../components/loading';
import { Page } from '../../../components/page';
import { paths } from '../../../routes';
import { useTenantAccess } from '../../../session/tenant-access';
import { ConfirmDialog } from '../confirm-dialog';
import { importPaths } from '../import-paths';
import { formatTime, ImportProgress, StatusText } from '../job-status';
import { cancelImport, getImport, ImportJob, isActive, revertImport } from '../jobs-api';
import { useJob } from '../use-job';
import { ErrorReport } from './error-report';
import { JobLog } from './job-log';

/** Only a succeeded insert import that stored rows, and was not reverted yet, can be reverted. */
const revertible = (job: ImportJob) =>
  job.status === 'succeeded' &&
  job.mode === 'insert' &&
  !job.dryRun &&
  (job.summary?.rowsStored ?? 0) > 0 &&
  !job.summary?.revertedAt;

const MODE_TEXT = (job: ImportJob) =>
  [
    job.mode === 'upsert' ? 'upsert' : 'insert',
    job.onError === 'skip' ? 'skip bad rows' : 'abort on a bad row',
    job.dryRun ? 'dry run (stores nothing)' : '',
  ]
    .filter(Boolean)
    .join(', ');

/**
 * One import: its progress while it runs (read again every 700 ms), then its outcome, the
 * per-row error report with the bad rows to download, and cancel or revert where they apply.
 */
export function ImportJobPage() {
  const { tenant, can } = useTenantAccess();
  const id = useParams().id ?? '';
  const job = useJob(() => getImport(tenant, id), [tenant, id]);
  const [action, setAction] = useState<{ busy: boolean; error: unknown; done: string | null }>({
    busy: false,
    error: null,
    done: null,
  });
  const [confirming, setConfirming] = useState<'cancel' | 'revert' | null>(null);
  const current = job.latest;

  async function run(kind: 'cancel' | 'revert') {
    setConfirming(null);
    setAction({ busy: true, error: null, done: null });
    const { data, error } = await (kind === 'cancel' ? cancelImport(tenant, id) : revertImport(tenant, id));
    setAction({
      busy: false,
      error: error ?? null,
      done: data
        ? kind === 'cancel'
          ? 'The import was cancelled: nothing was stored.'
          : `The import was reverted: ${data.summary?.rowsReverted ?? 0} rows were removed from ${data.table}.`
        : null,
    });
    job.reload();
  }

  const title = current ? `Import of ${current.fileName}` : 'Import';
  return (
    <Page title={title} actions={<Link to={importPaths.home(tenant)}>All imports and exports</Link>}>
      {!current && job.status === 'loading' && <Loading label="Loading the import" />}
      {!current && job.status === 'error' && <ErrorMessage error={job.error} title="The import could not be loaded" />}
      {current && (
        <>
          <dl className="job-facts">
            <dt>Status</dt>
            <dd>
              <StatusText status={current.status} />
            </dd>
            <dt>Table</dt>
            <dd>{current.table}</dd>
            <dt>How</dt>
            <dd>
              {current.format.toUpperCase()}, {MODE_TEXT(current)}
            </dd>
            <dt>Submitted</dt>
            <dd>{formatTime(current.createdAt)}</dd>
            <dt>Started</dt>
            <dd>{formatTime(current.startedAt)}</dd>
            <dt>Finished</dt>
            <dd>{formatTime(current.finishedAt)}</dd>
          </dl>

          {isActive(current.status) && <ImportProgress status={current.status} progress={current.progress} />}
          {job.status === 'error' && (
            <ErrorMessage error={job.error} title="The import's progress could not be read (reload the page)" />
          )}

          {!isActive(current.status) && <Outcome job={current} />}

          <div className="job-actions">
            {isActive(current.status) && (
              <button type="button" className="danger" disabled={action.busy} onClick={() => setConfirming('cancel')}>
                Cancel import
              </button>
            )}
            {revertible(current) && (
              <button type="button" className="danger" disabled={action.busy} onClick={() => setConfirming('revert')}>
                Revert import
              </button>
            )}
            {current.status === 'succeeded' && !current.dryRun && can.readRecords && (
              <Link to={paths.data(tenant, current.table)}>See the rows of {current.table}</Link>
            )}
            <Link to={importPaths.newImport(tenant, current.table)}>Import another file</Link>
          </div>
          {action.busy && <Loading label="Working" />}
          {action.done && (
            <p className="notice notice-ok" role="status">
              <span aria-hidden="true">✓</span> {action.done}
            </p>
          )}
          {action.error !== null && <ErrorMessage error={action.error} title="That did not work" />}

          {!isActive(current.status) && (current.summary?.errorsStored ?? 0) > 0 && (
            <ErrorReport tenant={tenant} job={current} />
          )}
          <JobLog tenant={tenant} id={id} version={`${current.status}:${current.summary?.revertedAt ?? ''}`} />

          <ConfirmDialog
            open={confirming === 'cancel'}
            title="Cancel this import?"
            confirmLabel="Yes, cancel the import"
            cancelLabel="No, let it run"
            onConfirm={() => void run('cancel')}
            onClose={() => setConfirming(null)}
          >
            <p>The import stops and stores nothing from {current.fileName}.</p>
          </ConfirmDialog>
          <ConfirmDialog
            open={confirming === 'revert'}
            title="Revert this import?"
            confirmLabel={`Yes, remove ${current.summary?.rowsStored ?? 0} rows`}
            cancelLabel="No, keep them"
            onConfirm={() => void run('revert')}
            onClose={() => setConfirming(null)}
          >
            <p>
              This removes the {current.summary?.rowsStored ?? 0} records this import added to {current.table} (their
              history keeps them). Records it did not add stay as they are.
            </p>
          </ConfirmDialog>
        </>
      )}
    </Page>
  );
}

/** What the import did, in words: the server's summary, or why it failed. */
function Outcome({ job }: { job: ImportJob }) {
  const summary = job.summary;
  const ok = job.status === 'succeeded';
  return (
    <div className={`notice ${ok ? 'notice-ok' : 'notice-error'}`} role={ok ? 'status' : 'alert'}>
      <p>
        <strong>
          {job.status === 'cancelled'
            ? 'Cancelled.'
            : job.status === 'failed'
              ? 'The import failed.'
              : job.dryRun
                ? 'Dry run finished.'
                : 'Import finished.'}
        </strong>{' '}
        {summary?.message ?? job.error ?? ''}
      </p>
      {summary && (summary.rowsRead > 0 || summary.rowsStored > 0) && (
        <p>
          {summary.rowsRead.toLocaleString('en')} rows read, {summary.rowsValid.toLocaleString('en')} valid,{' '}
          {summary.rowsInvalid.toLocaleString('en')} bad; {summary.rowsStored.toLocaleString('en')} stored.
        </p>
      )}
      {summary?.revertedAt && (
        <p>
          Reverted on {formatTime(summary.revertedAt)}: {summary.rowsReverted ?? 0} rows removed.
        </p>
      )}
      {job.status === 'failed' && job.onError === 'abort' && (summary?.rowsInvalid ?? 0) > 0 && (
        <p>Fix the bad rows below (or download them), then import again, or choose “Skip” to store the good rows.</p>
      )}
      {job.status === 'failed' && (summary?.rowsRead ?? 0) === 0 && (
        <p>Nothing in the file was read: check its headers and format, then start a new import.</p>
      )}
    </div>
  );
}
