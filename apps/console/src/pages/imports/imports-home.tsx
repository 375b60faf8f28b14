import { Link } from 'react-router';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { useTenantAccess } from '../../session/tenant-access';
import { importPaths } from './import-paths';
import { formatTime, StatusText } from './job-status';
import { listExports, listImports } from './jobs-api';

const RECENT = 20;

/** The area's start: the tenant's recent imports and exports, and the way to start new ones. */
export function ImportsHome() {
  const { tenant } = useTenantAccess();
  const imports = useApi(() => listImports(tenant, RECENT), [tenant]);
  const exports = useApi(() => listExports(tenant, RECENT), [tenant]);
  return (
    <Page
      title="Imports and exports"
      actions={
        <>
          <Link className="button-link" to={importPaths.newImport(tenant)}>
            New import
          </Link>
          <Link className="button-link" to={importPaths.newExport(tenant)}>
            New export
          </Link>
        </>
      }
    >
      <section aria-labelledby="recent-imports">
        <h2 id="recent-imports">Recent imports</h2>
        {imports.status === 'loading' && <Loading label="Loading the imports" />}
        {imports.status === 'error' && <ErrorMessage error={imports.error} title="The imports could not be loaded" />}
        {imports.status === 'ok' && imports.data.results.length === 0 && (
          <p>No import yet. Start one with “New import”.</p>
        )}
        {imports.status === 'ok' && imports.data.results.length > 0 && (
          <table>
            <caption className="visually-hidden">Recent imports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Table</th>
                <th scope="col">Status</th>
                <th scope="col">Result</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {imports.data.results.map((job) => (
                <tr key={job.id}>
                  <td>
                    <Link to={importPaths.importJob(tenant, job.id)}>{job.fileName}</Link>
                  </td>
                  <td>{job.table}</td>
                  <td>
                    <StatusText status={job.status} />
                    {job.dryRun ? ' (dry run)' : ''}
                    {job.summary?.revertedAt ? ' (reverted)' : ''}
                  </td>
                  <td>{job.summary?.message ?? job.error ?? ''}</td>
                  <td>{formatTime(job.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="recent-exports">
        <h2 id="recent-exports">Recent exports</h2>
        {exports.status === 'loading' && <Loading label="Loading the exports" />}
        {exports.status === 'error' && <ErrorMessage error={exports.error} title="The exports could not be loaded" />}
        {exports.status === 'ok' && exports.data.results.length === 0 && (
          <p>No export yet. Export a table&apos;s rows from its data grid, or with “New export”.</p>
        )}
        {exports.status === 'ok' && exports.data.results.length > 0 && (
          <table>
            <caption className="visually-hidden">Recent exports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col">Format</th>
                <th scope="col">Status</th>
                <th scope="col">Result</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {exports.data.results.map((job) => (
                <tr key={job.id}>
                  <td>
                    <Link to={importPaths.exportJob(tenant, job.id)}>{job.table}</Link>
                  </td>
                  <td>{job.format.toUpperCase()}</td>
                  <td>
                    <StatusText status={job.status} />
                  </td>
                  <td>{job.summary?.message ?? job.error ?? ''}</td>
                  <td>{formatTime(job.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Page>
  );
}
