import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { IfAllowed } from '../../layout/require-permission';
import { useTenantAccess } from '../../session/tenant-access';
import { readDefinition, readOperations } from './definition';
import { OperationList } from './operation-list';
import { RollbackDialog } from './rollback-dialog';
import { SchemaNav } from './schema-nav';
import { schemaPaths } from './schema-paths';
import { SqlBlock } from './sql-block';
import { useAuthors } from './use-authors';
import { useSchema } from './use-schema';
import { When } from './when';

async function loadVersion(tenant: string, version: number) {
  const { data, error } = await api.GET('/api/tenants/{tenant}/schema/versions/{version}', {
    params: { path: { tenant, version } },
  });
  if (!data) return { error };
  return {
    data: {
      ...data,
      definition: readDefinition(data.definition),
      operations: readOperations(data.migration.operations),
    },
  };
}

/** One version: who made it and why, its operations, the SQL that applied it and the SQL that undoes it. */
export function VersionPage() {
  const { tenant } = useTenantAccess();
  const number = Number(useParams().version);
  const version = useApi(() => loadVersion(tenant, number), [tenant, number]);
  const current = useSchema(tenant);
  const author = useAuthors(version.data ? [version.data.createdBy] : []);
  const [confirming, setConfirming] = useState(false);
  const isCurrent = current.data?.version === number;

  return (
    <Page
      title={`Version ${number}`}
      actions={
        current.data &&
        version.data &&
        !isCurrent && (
          <IfAllowed permission="editSchema">
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              Roll back to version {number}…
            </button>
          </IfAllowed>
        )
      }
    >
      <SchemaNav />
      {version.status === 'loading' && <Loading label="Loading the version" />}
      {version.status === 'error' && <ErrorMessage error={version.error} />}
      {version.status === 'ok' && (
        <>
          <dl className="facts">
            <dt>Applied</dt>
            <dd>
              <When iso={version.data.createdAt} />
              {isCurrent && ' (the current version)'}
            </dd>
            <dt>Author</dt>
            <dd>{author(version.data.createdBy)}</dd>
            <dt>Why</dt>
            <dd>{version.data.message ?? 'not given'}</dd>
            <dt>Tables</dt>
            <dd>{version.data.definition.tables.map((t) => t.name).join(', ') || 'none'}</dd>
            <dt>Checksum</dt>
            <dd>
              <code>{version.data.checksum}</code>
            </dd>
          </dl>
          <p>
            {number > 1 && (
              <Link to={schemaPaths.diff(tenant, number - 1, number)}>Compare with version {number - 1}</Link>
            )}
            {current.data && !isCurrent && (
              <>
                {' · '}
                <Link to={schemaPaths.diff(tenant, number, current.data.version)}>
                  Compare with the current version ({current.data.version})
                </Link>
              </>
            )}
          </p>
          <section aria-labelledby="version-operations-title">
            <h2 id="version-operations-title">Operations</h2>
            <OperationList operations={version.data.operations} label={`Operations of version ${number}`} />
          </section>
          <div className="sql-pair">
            <SqlBlock title="Up: the SQL that applied this version" sql={version.data.migration.up} />
            <SqlBlock title="Down: the SQL that undoes it" sql={version.data.migration.down} />
          </div>
        </>
      )}
      {confirming && current.data && version.data && (
        <RollbackDialog current={current.data} target={version.data} onCancel={() => setConfirming(false)} />
      )}
    </Page>
  );
}
