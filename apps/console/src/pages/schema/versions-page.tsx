import { FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, Schemas } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { useTenantAccess } from '../../session/tenant-access';
import { Flash } from './flash';
import { SelectField } from './form-controls';
import { SchemaNav } from './schema-nav';
import { schemaPaths } from './schema-paths';
import { useAuthors } from './use-authors';
import { When } from './when';

const PAGE_SIZE = 20;
/** A version's changes in a line: the first few summaries and how many more. */
function changesText(operations: Schemas['OperationSummaryDto'][]): string {
  const shown = operations.filter((op) => op.kind !== 'ensureFunctions').map((op) => op.summary);
  if (shown.length <= 3) return shown.join('; ') || 'no change';
  return `${shown.slice(0, 3).join('; ')}; and ${shown.length - 3} more`;
}

/** Every version, newest first: when, who, why and what changed; pick two to compare. */
export function VersionsPage() {
  const { tenant } = useTenantAccess();
  const [search] = useSearchParams();
  const page = Math.max(1, Number(search.get('page')) || 1);
  const versions = useApi(
    () =>
      api.GET('/api/tenants/{tenant}/schema/versions', {
        params: { path: { tenant }, query: { page, pageSize: PAGE_SIZE } },
      }),
    [tenant, page],
  );
  const results = versions.data?.results ?? [];
  const author = useAuthors(results.map((v) => v.createdBy));
  const newest = page === 1 ? results[0]?.version : undefined;
  const pages = versions.data ? Math.max(1, Math.ceil(versions.data.count / PAGE_SIZE)) : 1;

  return (
    <Page title="Schema versions">
      <SchemaNav />
      <Flash />
      {versions.status === 'loading' && <Loading label="Loading versions" />}
      {versions.status === 'error' && <ErrorMessage error={versions.error} />}
      {versions.status === 'ok' && versions.data.count === 0 && (
        <p>No version yet: the schema is empty. Create a table to make version 1.</p>
      )}
      {versions.status === 'ok' && versions.data.count > 0 && (
        <>
          <CompareForm tenant={tenant} latest={newest ?? versions.data.count} />
          <div className="table-scroll">
            <table>
              <caption>
                {versions.data.count} versions, newest first{pages > 1 ? ` (page ${page} of ${pages})` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Applied</th>
                  <th scope="col">Author</th>
                  <th scope="col">Why</th>
                  <th scope="col">Changes</th>
                </tr>
              </thead>
              <tbody>
                {results.map((v) => (
                  <tr key={v.version}>
                    <th scope="row">
                      <Link to={schemaPaths.version(tenant, v.version)} aria-label={`Version ${v.version}`}>
                        {v.version}
                      </Link>
                      {v.version === newest && ' (current)'}
                    </th>
                    <td>
                      <When iso={v.createdAt} />
                    </td>
                    <td>{author(v.createdBy)}</td>
                    <td>{v.message ?? ''}</td>
                    <td>{changesText(v.operations)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <nav aria-label="Pages of versions" className="pager">
              {page > 1 && <Link to={schemaPaths.versions(tenant, page - 1)}>Newer versions</Link>}
              {page < pages && <Link to={schemaPaths.versions(tenant, page + 1)}>Older versions</Link>}
            </nav>
          )}
        </>
      )}
    </Page>
  );
}

/** Two versions to compare (0 is the empty schema); the diff page shows operations and SQL between them. */
export function CompareForm({
  tenant,
  latest,
  from = Math.max(0, latest - 1),
  to = latest,
}: {
  tenant: string;
  latest: number;
  from?: number;
  to?: number;
}) {
  const navigate = useNavigate();
  const [chosen, setChosen] = useState({ from, to });
  const options = Array.from({ length: latest + 1 }, (_, i) => latest - i).map((v) => ({
    value: String(v),
    label: v === 0 ? '0 (empty schema)' : String(v),
  }));
  function submit(event: FormEvent) {
    event.preventDefault();
    void navigate(schemaPaths.diff(tenant, chosen.from, chosen.to));
  }
  return (
    <form className="inline-form" aria-label="Compare two versions" onSubmit={submit}>
      <SelectField
        label="From version"
        value={String(chosen.from)}
        options={options}
        onChange={(e) => setChosen({ ...chosen, from: Number(e.target.value) })}
      />
      <SelectField
        label="To version"
        value={String(chosen.to)}
        options={options}
        onChange={(e) => setChosen({ ...chosen, to: Number(e.target.value) })}
      />
      <button type="submit">Compare</button>
    </form>
  );
}
