import { Link } from 'react-router';
import type { TenantRecord } from '../../api/records';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { useSearchState } from '../../components/use-search-state';
import { paths } from '../../routes';
import { useTenantAccess } from '../../session/tenant-access';
import { cellText } from '../data/cell-values';
import { FilterBar } from '../data/filter-bar';
import { ListError } from '../data/list-error';
import { writeListState } from '../data/list-query';
import { aggregate, getTable, listTables } from '../data/records-api';
import { gridColumnsOf, isNumeric, isOrdered } from '../data/table-columns';
import { Chart, ChartPoint } from './chart';
import {
  aggregateParams,
  ChartKind,
  ChartQuery,
  metricKey,
  metricLabel,
  readChartQuery,
  writeChartQuery,
} from './chart-query';
import { formatNumber } from './chart-scale';

/** Most groups drawn; the aggregate route answers up to 10,000. */
const MAX_GROUPS = 200;

function pointsOf(results: readonly TenantRecord[], query: ChartQuery): ChartPoint[] {
  const key = metricKey(query.metric);
  return results.slice(0, MAX_GROUPS).map((result) => {
    const raw = result[key];
    const value = raw === null || raw === undefined ? null : Number(raw);
    const label = query.groupBy ? cellText(result[query.groupBy]) || '(empty)' : 'All rows';
    return { label, value: value === null || Number.isFinite(value) ? value : null };
  });
}

/** An aggregate of a table (count, sum or average, grouped by a column), drawn as bars or a line. */
export default function ChartPage() {
  const { tenant } = useTenantAccess();
  const [searchParams, updateSearch] = useSearchState();
  const query = readChartQuery(searchParams);
  // From the newest state asked for (two quick changes both count); the controls show it at once.
  const set = (next: Partial<ChartQuery>) =>
    updateSearch((current) => writeChartQuery({ ...readChartQuery(current), ...next }));
  const tables = useApi(() => listTables(tenant), [tenant]);
  const definition = useApi(
    () => (query.table ? getTable(tenant, query.table) : Promise.resolve({ data: null })),
    [tenant, query.table],
  );
  const aggregateQuery = aggregateParams(query).toString();
  const result = useApi(
    () =>
      query.table
        ? aggregate(tenant, query.table, new URLSearchParams(aggregateQuery))
        : Promise.resolve({ data: null }),
    [tenant, query.table, aggregateQuery],
  );

  const columns = definition.status === 'ok' && definition.data ? gridColumnsOf(definition.data) : [];
  const groupable = columns.filter(isOrdered);
  const numeric = columns.filter(isNumeric);
  const rows = result.status === 'ok' && result.data ? result.data.results : null;
  const points = rows ? pointsOf(rows, query) : [];
  const measure = metricLabel(query.metric);
  const groupName = query.groupBy || 'all rows';
  const title = `${measure} by ${groupName} in ${query.table}`;
  const gridLink = `${paths.data(tenant, query.table)}?${writeListState({ filters: query.filters, sort: [], fields: null, search: query.search }).toString()}`;

  return (
    <Page title="Charts">
      {tables.status === 'error' && <ErrorMessage error={tables.error} title="The tables could not be listed" />}
      <form className="chart-form" aria-label="Chart settings" onSubmit={(event) => event.preventDefault()}>
        <label>
          Table
          <select
            value={query.table}
            onChange={(event) =>
              set({ table: event.target.value, groupBy: '', metric: 'count', filters: [], search: '' })
            }
          >
            <option value="">{tables.status === 'loading' ? 'Loading tables…' : 'Choose a table'}</option>
            {(tables.latest?.results ?? []).map((table) => (
              <option key={table.name} value={table.name}>
                {table.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Group by
          <select
            value={query.groupBy}
            disabled={!query.table}
            onChange={(event) => set({ groupBy: event.target.value })}
          >
            <option value="">(nothing: one total)</option>
            {groupable.map((column) => (
              <option key={column.name} value={column.name}>
                {column.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Measure
          <select
            value={query.metric}
            disabled={!query.table}
            onChange={(event) => set({ metric: event.target.value })}
          >
            <option value="count">Count of rows</option>
            {numeric.flatMap((column) => [
              <option key={`sum:${column.name}`} value={`sum:${column.name}`}>
                Sum of {column.name}
              </option>,
              <option key={`avg:${column.name}`} value={`avg:${column.name}`}>
                Average of {column.name}
              </option>,
            ])}
          </select>
        </label>
        <fieldset className="chart-kind">
          <legend>Chart</legend>
          {(['bar', 'line'] as ChartKind[]).map((kind) => (
            <label key={kind} className="check">
              <input
                type="radio"
                name="chart-kind"
                value={kind}
                checked={query.kind === kind}
                onChange={() => set({ kind })}
              />
              {kind === 'bar' ? 'Bars' : 'Line'}
            </label>
          ))}
        </fieldset>
      </form>
      {!query.table && <p>Choose a table, then what to measure and how to group its rows.</p>}
      {query.table && definition.status === 'error' && (
        <ErrorMessage error={definition.error} title={`The table ${query.table} could not be opened`} />
      )}
      {query.table && columns.length > 0 && (
        <FilterBar
          key={`${query.table}:${query.search}`}
          columns={columns}
          filters={query.filters}
          search={query.search}
          onChange={(next) => set(next)}
        />
      )}
      {query.table && result.status === 'loading' && <Loading label="Measuring" />}
      {query.table && result.status === 'error' && (
        <ListError title="The chart could not be drawn" error={result.error} onRetry={result.reload} />
      )}
      {rows && rows.length === 0 && (
        <p className="empty">No row matches: nothing to draw. Remove a filter to see more.</p>
      )}
      {rows && rows.length > 0 && (
        <>
          <figure className="chart-figure">
            <Chart kind={query.kind} points={points} title={title} xLabel={query.groupBy || ''} yLabel={measure} />
            <figcaption>
              {title}
              {rows.length > MAX_GROUPS &&
                ` (the first ${MAX_GROUPS} of ${rows.length.toLocaleString('en')} groups, in order of ${query.groupBy}; add a filter to narrow them)`}
              . <Link to={gridLink}>Open these rows in the grid</Link>
            </figcaption>
          </figure>
          <table className="chart-values">
            <caption>The values drawn</caption>
            <thead>
              <tr>
                <th scope="col">{query.groupBy || 'Group'}</th>
                <th scope="col">{measure}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point, i) => (
                <tr key={i}>
                  <th scope="row">{point.label}</th>
                  <td className="numeric">{formatNumber(point.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
}
