import type { Schemas } from '../../api/client';

type AuditEntry = Schemas['AuditEntryDto'];

const short = (hash: string | null) => (hash ? `${hash.slice(0, 12)}…` : '—');

/** One page of entries; `highlight` marks an entry (the first broken one) in words, not colour alone. */
export function AuditEntriesTable({
  entries,
  caption,
  highlight,
}: {
  entries: AuditEntry[];
  caption: string;
  highlight: string;
}) {
  return (
    <div className="table-scroll" role="region" aria-label="Audit entries" tabIndex={0}>
      <table className="audit-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Seq</th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const marked = entry.id === highlight;
            return (
              <tr key={entry.id} className={marked ? 'audit-broken' : undefined}>
                <td>
                  {entry.seq}
                  {marked && (
                    <strong className="broken-marker">
                      {' '}
                      <span aria-hidden="true">⚠</span> first broken entry
                    </strong>
                  )}
                </td>
                <td>
                  <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
                </td>
                <td>{entry.actorEmail ?? entry.actorId ?? 'system'}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>
                  {entry.entityType}
                  {entry.entityId && (
                    <>
                      {' '}
                      <code className="entity-id">{entry.entityId}</code>
                    </>
                  )}
                </td>
                <td>
                  <details>
                    <summary>
                      Details<span className="visually-hidden"> of entry {entry.seq}</span>
                    </summary>
                    <dl className="entry-details">
                      <dt>Entry id</dt>
                      <dd>
                        <code>{entry.id}</code>
                      </dd>
                      <dt>Request</dt>
                      <dd>
                        {entry.requestId ?? '—'} {entry.ip ? `from ${entry.ip}` : ''}
                      </dd>
                      <dt>Hash</dt>
                      <dd>
                        <code title={entry.hash}>{short(entry.hash)}</code>
                      </dd>
                      <dt>Previous hash</dt>
                      <dd>
                        <code title={entry.prevHash}>{short(entry.prevHash)}</code>
                      </dd>
                      <dt>Signed by key</dt>
                      <dd>{entry.keyId ?? 'not signed'}</dd>
                    </dl>
                    <pre>{JSON.stringify(entry.details, null, 2)}</pre>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
