import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Loading } from '../../components/loading';
import { useTenantAccess } from '../../session/tenant-access';
import { ChangeError } from './change-error';
import { ConfirmDialog } from './confirm-dialog';
import { readOperations, SchemaDefinition } from './definition';
import { flash } from './flash';
import { InputField } from './form-controls';
import { OperationList } from './operation-list';
import { describeComingBack, describeGoingAway, rollbackSummary, RollbackSummary } from './rollback-summary';
import { schemaPaths } from './schema-paths';
import { SqlBlock } from './sql-block';
import { ActiveSchema } from './use-schema';

async function loadRollbackPlan(tenant: string, current: number, target: number) {
  const [diff, retained] = await Promise.all([
    api.GET('/api/tenants/{tenant}/schema/diff', {
      params: { path: { tenant }, query: { from: current, to: target } },
    }),
    api.GET('/api/tenants/{tenant}/schema/retained', { params: { path: { tenant }, query: { pageSize: 1000 } } }),
  ]);
  if (!diff.data) return { error: diff.error };
  return {
    data: {
      operations: readOperations(diff.data.operations),
      sql: diff.data.sql,
      // Without the retained list the rows are not counted; the rollback still brings them back.
      retained: retained.data?.results ?? null,
    },
  };
}

/** The confirmation of a rollback: it names what comes back (and with how many rows), what goes, and the SQL. */
export function RollbackDialog({
  current,
  target,
  onCancel,
}: {
  current: ActiveSchema;
  target: { version: number; definition: SchemaDefinition };
  onCancel(): void;
}) {
  const { tenant } = useTenantAccess();
  const navigate = useNavigate();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const plan = useApi(
    () => loadRollbackPlan(tenant, current.version, target.version),
    [tenant, current.version, target.version],
  );
  const summary =
    plan.status === 'ok' ? rollbackSummary(current.definition, target.definition, plan.data.retained) : null;

  async function rollBack(summaryText: string) {
    setBusy(true);
    setError(null);
    const { data, error: failure } = await api
      .POST('/api/tenants/{tenant}/schema/rollback', {
        params: { path: { tenant } },
        body: {
          toVersion: target.version,
          expectedVersion: current.version,
          ...(message.trim() && { message: message.trim() }),
        },
      })
      .catch((thrown: unknown) => ({ data: undefined, error: thrown }));
    setBusy(false);
    if (!data) return setError(failure);
    void navigate(schemaPaths.versions(tenant), {
      state: flash(`rolled back to version ${target.version}; version ${data.version} is current. ${summaryText}`),
    });
  }

  return (
    <ConfirmDialog title={`Roll back to version ${target.version}?`} onCancel={onCancel}>
      <p>
        The schema becomes what it was in version {target.version}, as a new version {current.version + 1}. History
        stays: you can roll forward again the same way.
      </p>
      {plan.status === 'loading' && <Loading label="Working out what the rollback does" />}
      {plan.status === 'error' && <ChangeError error={plan.error} />}
      {summary && plan.status === 'ok' && (
        <>
          <SummaryLists summary={summary} />
          <details>
            <summary>Operations and SQL ({plan.data.operations.length} operations)</summary>
            <OperationList operations={plan.data.operations} label="Rollback operations" />
            <SqlBlock title="SQL (up)" sql={plan.data.sql.up} />
          </details>
        </>
      )}
      <ChangeError error={error} />
      <InputField
        label="Why (optional, kept with the version)"
        value={message}
        onChange={(e) => setMessage(e.target.value)}
      />
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={busy || !summary}
          onClick={() => summary && void rollBack(sentence(summary))}
        >
          {busy ? 'Rolling back…' : `Roll back to version ${target.version}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy} data-autofocus>
          Cancel
        </button>
      </div>
      {busy && <Loading label="Rolling back: PostgreSQL runs the statements in one transaction" />}
    </ConfirmDialog>
  );
}

function sentence(summary: RollbackSummary): string {
  const parts = [
    summary.comesBack.length && `Back: ${summary.comesBack.map(describeComingBack).join(', ')}.`,
    summary.goesAway.length && `Set aside: ${summary.goesAway.map(describeGoingAway).join(', ')}.`,
  ];
  return parts.filter(Boolean).join(' ');
}

function SummaryLists({ summary }: { summary: RollbackSummary }) {
  const nothing =
    !summary.comesBack.length && !summary.goesAway.length && !summary.renamed.length && !summary.changed.length;
  if (nothing) return <p>Nothing changes: the current version already has this definition.</p>;
  return (
    <div className="rollback-summary">
      {summary.comesBack.length > 0 && (
        <>
          <h3>Comes back</h3>
          <ul aria-label="Comes back">
            {summary.comesBack.map((item, i) => (
              <li key={i}>{describeComingBack(item)}</li>
            ))}
          </ul>
        </>
      )}
      {summary.goesAway.length > 0 && (
        <>
          <h3>Goes away (set aside with its data; another rollback brings it back)</h3>
          <ul aria-label="Goes away">
            {summary.goesAway.map((item, i) => (
              <li key={i}>{describeGoingAway(item)}</li>
            ))}
          </ul>
        </>
      )}
      {summary.renamed.length > 0 && (
        <>
          <h3>Renamed back</h3>
          <ul>
            {summary.renamed.map((item, i) => (
              <li key={i}>
                {item.kind} {item.table ? `${item.table}.` : ''}
                {item.from} becomes {item.to} again
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.changed.length > 0 && (
        <>
          <h3>Returns to its earlier type or options</h3>
          <ul>
            {summary.changed.map((name) => (
              <li key={name}>column {name}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
