import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { useTenantAccess } from '../../session/tenant-access';
import { AuditEntriesTable } from './audit-entries-table';
import { AuditExportPanel } from './audit-export-panel';
import { AuditFiltersForm } from './audit-filters-form';
import { apiFilters, AuditView, queryOf, viewOf } from './audit-query';
import { VerifyPanel } from './verify-panel';

/** The tenant's audit trail: filters and pages (in the URL), the chain's verification, and export. */
export function AuditTrailPage() {
  const { tenant } = useTenantAccess();
  const [query, setQuery] = useSearchParams();
  const view = viewOf(query);
  const entries = useApi(
    () =>
      api.GET('/api/tenants/{tenant}/audit', {
        params: {
          path: { tenant },
          query: { ...apiFilters(view), ordering: view.ordering, page: view.page, pageSize: view.pageSize },
        },
      }),
    [tenant, query.toString()],
  );
  const go = (next: Partial<AuditView>) => setQuery(queryOf({ ...view, ...next }));
  const shown = entries.latest;
  const pages = shown ? Math.max(1, Math.ceil(shown.count / view.pageSize)) : 1;
  const first = (view.page - 1) * view.pageSize + 1;

  return (
    <Page title="Audit trail">
      <AuditFiltersForm view={view} onApply={(next) => setQuery(queryOf(next))} />

      <section aria-labelledby="audit-entries-title">
        <h2 id="audit-entries-title">Entries</h2>
        {entries.status === 'loading' && <Loading label="Loading the entries" />}
        {entries.status === 'error' && (
          <ErrorMessage error={entries.error} title="The entries could not be loaded (check the filters)" />
        )}
        {shown && shown.count === 0 && (
          <p role="status">No entry matches these filters. Clear a filter or widen the time range.</p>
        )}
        {shown && shown.count > 0 && (
          <>
            <p role="status">
              {shown.count.toLocaleString('en')} entries match; showing {first}–
              {Math.min(first + shown.results.length - 1, shown.count)}, {view.ordering === 'seq' ? 'oldest' : 'newest'}{' '}
              first.
            </p>
            <AuditEntriesTable
              entries={shown.results}
              caption={`Audit entries, page ${view.page} of ${pages}`}
              highlight={view.entry}
            />
            <nav aria-label="Audit pages" className="pager">
              <button type="button" disabled={view.page <= 1} onClick={() => go({ page: view.page - 1 })}>
                Previous page
              </button>
              <span>
                Page {view.page} of {pages}
              </span>
              <button type="button" disabled={view.page >= pages} onClick={() => go({ page: view.page + 1 })}>
                Next page
              </button>
            </nav>
          </>
        )}
      </section>

      <VerifyPanel tenant={tenant} pageSize={view.pageSize} />
      <AuditExportPanel tenant={tenant} filters={view} onExported={entries.reload} />
    </Page>
  );
}
