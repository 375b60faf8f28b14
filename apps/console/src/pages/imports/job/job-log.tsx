import { useApi } from '../../../api/use-api';
import { ErrorMessage } from '../../../components/error-message';
import { formatTime } from '../job-status';
import { importLog } from '../jobs-api';

/** The job's events with their times, read again when the job's state (`version`) changes. */
export function JobLog({ tenant, id, version }: { tenant: string; id: string; version: string }) {
  const log = useApi(() => importLog(tenant, id), [tenant, id, version]);
  const events = log.latest?.results ?? [];
  return (
    <details className="job-log">
      <summary>Job log ({events.length} events)</summary>
      {log.status === 'error' && <ErrorMessage error={log.error} title="The log could not be loaded" />}
      <ol>
        {events.map((event, n) => (
          <li key={n}>
            <time dateTime={event.at}>{formatTime(event.at)}</time> <strong>{event.level}</strong>: {event.message}
          </li>
        ))}
      </ol>
    </details>
  );
}
