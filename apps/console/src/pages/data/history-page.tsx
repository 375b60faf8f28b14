import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TenantRecord } from '../../api/records';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { paths } from '../../routes';
import { useMe } from '../../session/session-context';
import { useTenantAccess } from '../../session/tenant-access';
import { cellText } from './cell-values';
import { ConfirmDialog } from './confirm-dialog';
import { recordHistory, restoreRecord, Revision } from './records-api';

/** Columns every change touches: not worth listing as a change. */
const BOOKKEEPING = new Set(['updated_at', 'updated_by']);

const OPERATION_WORDS: Record<Revision['operation'], string> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  restore: 'Restored',
};

interface Change {
  column: string;
  before: string;
  after: string;
}

function changesOf(revision: Revision): Change[] {
  const before = (revision.before ?? {}) as TenantRecord;
  const after = (revision.after ?? {}) as TenantRecord;
  if (revision.operation === 'delete') return [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names
    .filter((name) => !BOOKKEEPING.has(name) && name !== 'id' && name !== 'created_at' && name !== 'created_by')
    .map((column) => ({ column, before: cellText(before[column]), after: cellText(after[column]) }))
    .filter((change) => revision.operation === 'create' || change.before !== change.after);
}

function ChangeList({ changes, operation }: { changes: Change[]; operation: Revision['operation'] }) {
  if (operation === 'delete') return <span>the row was deleted</span>;
  if (changes.length === 0) return <span className="muted">no column changed</span>;
  const creation = operation === 'create';
  return (
    <ul className="changes">
      {changes.map((change) => (
        <li key={change.column}>
          <code>{change.column}</code>:{' '}
          {creation ? (
            <>{change.after || '(empty)'}</>
          ) : (
            <>
              <del>{change.before || '(empty)'}</del> <span aria-hidden="true">→</span>
              <span className="visually-hidden">became</span> <ins>{change.after || '(empty)'}</ins>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A record's revisions, newest first, with what each changed; editors restore one (itself a new revision). */
export default function HistoryPage() {
  const { tenant, can } = useTenantAccess();
  const me = useMe();
  const table = useParams().table ?? '';
  const id = useParams().id ?? '';
  const history = useApi(() => recordHistory(tenant, table, id), [tenant, table, id]);
  const [restoring, setRestoring] = useState<{ revision: Revision; busy: boolean; error?: unknown } | null>(null);
  const [message, setMessage] = useState('');

  const revisions = history.latest?.results ?? [];
  const latest = revisions[revisions.length - 1];
  const isDeleted = latest?.operation === 'delete';

  async function confirmRestore() {
    if (!restoring) return;
    setRestoring({ ...restoring, busy: true });
    const result = await restoreRecord(tenant, table, id, restoring.revision.revision);
    if (!result.data) {
      setRestoring({ ...restoring, busy: false, error: result.error });
      return;
    }
    const dropped = result.data.droppedColumns;
    setRestoring(null);
    setMessage(
      `Revision ${restoring.revision.revision} restored as a new revision.` +
        (dropped.length > 0 ? ` These columns no longer exist and were not restored: ${dropped.join(', ')}.` : ''),
    );
    history.reload();
  }

  return (
    <Page title={`History of a row of ${table}`}>
      <p>
        <Link to={paths.data(tenant, table)}>Back to the rows of {table}</Link>
      </p>
      <p>
        Row id: <code>{id}</code>
      </p>
      <p role="status" className="announcement">
        {message}
      </p>
      {history.status === 'loading' && !history.latest && <Loading label="Loading the history" />}
      {history.status === 'error' && <ErrorMessage error={history.error} title="The history could not be read" />}
      {latest && (
        <p className={isDeleted ? 'notice notice-error' : 'notice'}>
          {isDeleted
            ? can.editRecords
              ? 'This row is deleted. Restore one of its revisions below to bring it back.'
              : 'This row is deleted. An editor can restore it from one of its revisions.'
            : `This row is at revision ${latest.revision}.`}
        </p>
      )}
      {revisions.length > 0 && (
        <table className="history">
          <caption>Revisions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">Change</th>
              <th scope="col">When</th>
              <th scope="col">By</th>
              <th scope="col">What changed</th>
              {can.editRecords && <th scope="col">Restore</th>}
            </tr>
          </thead>
          <tbody>
            {[...revisions].reverse().map((revision) => {
              const restorable = revision.after !== null && (revision !== latest || isDeleted);
              return (
                <tr key={revision.revision}>
                  <th scope="row">{revision.revision}</th>
                  <td>{OPERATION_WORDS[revision.operation]}</td>
                  <td>
                    <time dateTime={revision.at}>
                      {new Date(revision.at).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC
                    </time>
                  </td>
                  <td>
                    {revision.actor === null ? (
                      'the system'
                    ) : revision.actor === me.id ? (
                      'you'
                    ) : (
                      <code>{revision.actor}</code>
                    )}
                  </td>
                  <td>
                    <ChangeList changes={changesOf(revision)} operation={revision.operation} />
                  </td>
                  {can.editRecords && (
                    <td>
                      {restorable ? (
                        <button type="button" onClick={() => setRestoring({ revision, busy: false })}>
                          Restore revision {revision.revision}
                        </button>
                      ) : (
                        <span className="muted">
                          {revision === latest && !isDeleted ? 'current' : 'nothing to restore'}
                        </span>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={restoring !== null}
        title={`Restore revision ${restoring?.revision.revision ?? ''}?`}
        confirmLabel="Restore"
        busy={restoring?.busy}
        error={restoring?.error}
        onConfirm={() => void confirmRestore()}
        onCancel={() => setRestoring(null)}
      >
        {restoring && (
          <>
            <p>
              The row {isDeleted ? 'comes back' : 'goes back'} to these values, as a new revision (nothing is lost):
            </p>
            <ul className="changes">
              {Object.entries((restoring.revision.after ?? {}) as TenantRecord)
                .sort(([a], [b]) => a.localeCompare(b))
                .filter(
                  ([column]) =>
                    !BOOKKEEPING.has(column) && column !== 'id' && column !== 'created_at' && column !== 'created_by',
                )
                .map(([column, value]) => (
                  <li key={column}>
                    <code>{column}</code>: {cellText(value) || '(empty)'}
                  </li>
                ))}
            </ul>
          </>
        )}
      </ConfirmDialog>
    </Page>
  );
}
