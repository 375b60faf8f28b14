import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { useTenantAccess } from '../../session/tenant-access';
import { readOperations } from './definition';
import { OperationList } from './operation-list';
import { SchemaNav } from './schema-nav';
import { SqlBlock } from './sql-block';
import { CompareForm } from './versions-page';

const versionParam = (value: string | null) => (value !== null && /^\d+$/.test(value) ? Number(value) : undefined);

/** What it takes to go from one version to another: operations in words, and the SQL both ways. */
export function DiffPage() {
  const { tenant } = useTenantAccess();
  const [search] = useSearchParams();
  const from = versionParam(search.get('from'));
  const to = versionParam(search.get('to'));
  const latest = useApi(
    () => api.GET('/api/tenants/{tenant}/schema/versions', { params: { path: { tenant }, query: { pageSize: 1 } } }),
    [tenant],
  );
  const diff = useApi(async () => {
    if (from === undefined || to === undefined) return { data: null };
    const { data, error } = await api.GET('/api/tenants/{tenant}/schema/diff', {
      params: { path: { tenant }, query: { from, to } },
    });
    return data ? { data: { ...data, operations: readOperations(data.operations) } } : { error };
  }, [tenant, from, to]);
  const title = from !== undefined && to !== undefined ? `Versions ${from} to ${to}` : 'Compare versions';
  return (
    <Page title={title}>
      <SchemaNav />
      {latest.status === 'ok' && (
        <CompareForm tenant={tenant} latest={latest.data.results[0]?.version ?? 0} from={from} to={to} />
      )}
      {(from === undefined || to === undefined) && <p>Choose the two versions to compare.</p>}
      {diff.status === 'loading' && <Loading label="Comparing the versions" />}
      {diff.status === 'error' && <ErrorMessage error={diff.error} />}
      {diff.status === 'ok' && diff.data && (
        <>
          <section aria-labelledby="diff-operations-title">
            <h2 id="diff-operations-title">
              Operations from version {diff.data.from} to version {diff.data.to}
            </h2>
            <OperationList operations={diff.data.operations} label="Operations between the versions" />
          </section>
          <div className="sql-pair">
            <SqlBlock title={`SQL from version ${diff.data.from} to ${diff.data.to} (up)`} sql={diff.data.sql.up} />
            <SqlBlock title={`SQL back from ${diff.data.to} to ${diff.data.from} (down)`} sql={diff.data.sql.down} />
          </div>
        </>
      )}
    </Page>
  );
}
