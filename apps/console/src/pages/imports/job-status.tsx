import type { JobProgress, JobStatus } from './jobs-api';

const STATUS: Record<JobStatus, { symbol: string; label: string }> = {
  queued: { symbol: '…', label: 'Queued' },
  running: { symbol: '▶', label: 'Running' },
  succeeded: { symbol: '✓', label: 'Succeeded' },
  failed: { symbol: '✗', label: 'Failed' },
  cancelled: { symbol: '■', label: 'Cancelled' },
};

/** A job's status in words (the symbol and colour only repeat them). */
export function StatusText({ status }: { status: JobStatus }) {
  const { symbol, label } = STATUS[status];
  return (
    <span className={`job-status job-status-${status}`}>
      <span aria-hidden="true">{symbol}</span> {label}
    </span>
  );
}

const count = (n: number) => n.toLocaleString('en');

/**
 * A running import's progress: a progress bar by bytes read, and the rows read so far in words,
 * announced politely to screen readers as they change.
 */
export function ImportProgress({ status, progress }: { status: JobStatus; progress: JobProgress }) {
  const waiting = status === 'queued';
  return (
    <div className="job-progress">
      <progress
        aria-label="Import progress"
        max={100}
        value={waiting ? undefined : progress.percent}
        aria-valuetext={waiting ? 'waiting to start' : `${progress.percent}%`}
      />
      <p role="status" aria-live="polite">
        {waiting
          ? 'Waiting for a worker to start the import…'
          : `${progress.percent}% read: ${count(progress.rowsRead)} rows, ${count(progress.rowsValid)} valid, ${count(progress.rowsInvalid)} bad.`}
      </p>
    </div>
  );
}

export const formatTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
