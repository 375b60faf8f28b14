import { lazy, Suspense, useCallback } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { Loading } from '../../../components/loading';
import { Page } from '../../../components/page';
import { useTenantAccess } from '../../../session/tenant-access';
import { SchemaNav } from '../schema-nav';
import { schemaPaths } from '../schema-paths';
import { useSchema } from '../use-schema';
import { ReferenceList } from './reference-list';

// The diagram libraries (React Flow, dagre) load with this page only.
const ErDiagram = lazy(() => import('./er-diagram'));

/** The whole tenant as an ER diagram, with the same references as a list for those who do not see it. */
export function DiagramPage() {
  const { tenant } = useTenantAccess();
  const schema = useSchema(tenant);
  const hrefOf = useCallback((table: string) => schemaPaths.table(tenant, table), [tenant]);
  return (
    <Page title="Diagram">
      <SchemaNav />
      {schema.status === 'loading' && <Loading label="Loading the schema" />}
      {schema.status === 'error' && <ErrorMessage error={schema.error} />}
      {schema.status === 'ok' &&
        (schema.data.definition.tables.length === 0 ? (
          <p>This tenant has no table yet: there is nothing to draw.</p>
        ) : (
          <>
            <p>
              Version {schema.data.version}: {schema.data.definition.tables.length} tables. Drag a box to move it,
              scroll or use the buttons to zoom; each table name opens the table. Flags: PK primary key, FK reference,
              NN required, UQ unique.
            </p>
            <Suspense fallback={<Loading label="Loading and laying out the diagram" />}>
              <ErDiagram definition={schema.data.definition} hrefOf={hrefOf} />
            </Suspense>
            <ReferenceList tenant={tenant} definition={schema.data.definition} />
          </>
        ))}
    </Page>
  );
}
