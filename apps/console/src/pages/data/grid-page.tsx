import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import type { TenantRecord } from '../../api/records';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { useSearchState } from '../../components/use-search-state';
import { paths } from '../../routes';
import { useTenantAccess } from '../../session/tenant-access';
import { ColumnPicker } from './column-picker';
import { ConfirmDialog } from './confirm-dialog';
import { DataGrid } from './data-grid';
import { FilterBar } from './filter-bar';
import { ListError } from './list-error';
import { ListState, nextSort, readListState, writeListState } from './list-query';
import { RecordPages } from './record-pages';
import { deleteRecord, getTable, listPage } from './records-api';
import { useRecordPages } from './use-record-pages';
import { gridColumnsOf, GridColumn } from './table-columns';

/** Where the imports area exports a list: its page reads `table` and the list's own parameters. */
export function exportHref(tenant: string, table: string, listQuery: string): string {
  const params = new URLSearchParams({ table });
  for (const [key, value] of new URLSearchParams(listQuery)) params.append(key, value);
  return `${paths.imports(tenant)}/export?${params.toString()}`;
}

/** Rows created in this view, shown first until the list changes. */
interface Added {
  query: string;
  records: TenantRecord[];
  generation: number;
}

/** The grid page: filters, sort and columns in the URL; rows read by keyset cursor as they scroll into view. */
export default function GridPage() {
  const { tenant, can } = useTenantAccess();
  const table = useParams().table ?? '';
  const definition = useApi(() => getTable(tenant, table), [tenant, table]);
  const allColumns = useMemo(
    () => (definition.status === 'ok' ? gridColumnsOf(definition.data) : []),
    [definition.status, definition.data],
  );
  const [searchParams, updateSearch] = useSearchState();
  const listQuery = writeListState(readListState(searchParams)).toString();
  const [added, setAdded] = useState<Added>({ query: '', records: [], generation: 0 });
  const store = useRecordPages(`${tenant}/${table}?${listQuery}#${added.generation}`, () => {
    const params = new URLSearchParams(listQuery);
    return new RecordPages(
      async (cursor, pageSize, withCount) => {
        const query = new URLSearchParams(params);
        query.set('cursor', cursor);
        query.set('pageSize', String(pageSize));
        query.set('count', withCount ? 'exact' : 'none');
        const result = await listPage(tenant, table, query);
        if (!result.data) throw result.error;
        return result.data;
      },
      added.query === listQuery ? [...added.records] : [],
    );
  });
  // The first page is read while the table's columns are, not after.
  useEffect(() => store.ensure(0, 0), [store]);

  return (
    <Page
      title={`Data: ${table}`}
      actions={
        <Link to={paths.table(tenant, table)} className="button-link secondary">
          Columns of {table}
        </Link>
      }
    >
      {definition.status === 'loading' && <Loading label={`Loading the columns of ${table}`} />}
      {definition.status === 'error' && (
        <ErrorMessage error={definition.error} title={`The table ${table} could not be opened`} />
      )}
      {definition.status === 'ok' && (
        <Rows
          tenant={tenant}
          table={table}
          allColumns={allColumns}
          canEdit={can.editRecords}
          canExport={can.importExport}
          store={store}
          added={added}
          onAdded={setAdded}
          searchParams={searchParams}
          updateSearch={updateSearch}
        />
      )}
    </Page>
  );
}

function Rows({
  tenant,
  table,
  allColumns,
  canEdit,
  canExport,
  store,
  added,
  onAdded,
  searchParams,
  updateSearch,
}: {
  tenant: string;
  table: string;
  allColumns: readonly GridColumn[];
  canEdit: boolean;
  canExport: boolean;
  store: RecordPages;
  added: Added;
  onAdded(update: (current: Added) => Added): void;
  searchParams: URLSearchParams;
  updateSearch(change: (current: URLSearchParams) => URLSearchParams): void;
}) {
  const list = readListState(searchParams);
  const listQuery = writeListState(list).toString();
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState('');
  const [deleting, setDeleting] = useState<{
    record: TenantRecord;
    row: number;
    busy: boolean;
    error?: unknown;
  } | null>(null);
  useSyncExternalStore(store.subscribe, store.version);

  // Recomputed when the list or the store changes, not while scrolling (the grid renders alone then).
  const columns =
    list.fields === null ? allColumns : allColumns.filter((c) => c.name === 'id' || list.fields!.includes(c.name));

  // From the newest state asked for (two quick changes both count); the controls show it at once.
  const update = (next: Partial<ListState>) =>
    updateSearch((current) => writeListState({ ...readListState(current), ...next }));
  // Plain functions: this component renders again only when the list changes, not on scroll,
  // so the rows (memoised) keep seeing the same functions while the user scrolls.
  const onSort = (column: string) =>
    updateSearch((current) => {
      const now = readListState(current);
      return writeListState({ ...now, sort: nextSort(now.sort, column) });
    });
  const historyHref = (id: string) => `${paths.data(tenant, table)}/records/${encodeURIComponent(id)}/history`;
  function onCreated(record: TenantRecord) {
    setCreating(false);
    onAdded((current) => ({
      query: listQuery,
      records: [record, ...(current.query === listQuery ? current.records : [])],
      generation: current.generation + 1,
    }));
    setMessage('Row created: it is shown first, marked New.');
  }
  const onDelete = (record: TenantRecord, row: number) => setDeleting({ record, row, busy: false });

  async function confirmDelete() {
    if (!deleting) return;
    setDeleting({ ...deleting, busy: true, error: undefined });
    const id = String(deleting.record.id);
    const result = await deleteRecord(tenant, table, id);
    if (result.error !== undefined) {
      setDeleting({ ...deleting, busy: false, error: result.error });
      return;
    }
    store.markDeleted(id);
    setDeleting(null);
    setMessage(`Row ${deleting.row + 1} deleted. Its history can bring it back (Restore…).`);
  }

  const count = store.count === null ? null : store.count - store.deletedCount;
  return (
    <>
      <div className="grid-toolbar">
        <FilterBar
          key={list.search}
          columns={allColumns}
          filters={list.filters}
          search={list.search}
          onChange={(next) => update(next)}
        />
        <div className="grid-actions">
          <ColumnPicker columns={allColumns} fields={list.fields} onChange={(fields) => update({ fields })} />
          {canExport && (
            <Link className="button-link secondary" to={exportHref(tenant, table, listQuery)}>
              Export these rows
            </Link>
          )}
          {canEdit && (
            <button type="button" onClick={() => setCreating(true)} disabled={creating}>
              Add row
            </button>
          )}
        </div>
      </div>
      {store.error !== null && <ListError error={store.error} onRetry={() => store.retry()} />}
      <p className="grid-status" id="grid-status">
        {count === null
          ? 'Counting rows…'
          : `${count.toLocaleString('en')} ${count === 1 ? 'row matches' : 'rows match'}.`}{' '}
        {store.rowCount > 0 && !store.hasMore && 'End of the list reached.'}
      </p>
      <p className="visually-hidden" id="grid-help">
        Arrow keys move between cells, Home and End to the first and last column, Ctrl+Home and Ctrl+End to the first
        and last row.{canEdit && ' Enter or F2 edits a cell, Enter saves, Escape cancels.'}
      </p>
      <p role="status" className="announcement">
        {message}
      </p>
      <DataGrid
        key={`${listQuery}:${added.generation}`}
        tenant={tenant}
        table={table}
        columns={columns}
        allColumns={allColumns}
        store={store}
        sort={list.sort}
        onSort={onSort}
        canEdit={canEdit}
        creating={creating}
        onCreated={onCreated}
        onCancelCreate={() => setCreating(false)}
        onDelete={onDelete}
        historyHref={historyHref}
        announce={setMessage}
      />
      {store.rowCount === 0 && !store.hasMore && store.error === null && (
        <p className="empty">
          {list.filters.length > 0 || list.search
            ? 'No row matches these filters. Remove a filter to see more.'
            : canEdit
              ? 'This table has no rows yet. Add one with Add row, or import a file.'
              : 'This table has no rows yet.'}
        </p>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this row?"
        confirmLabel="Delete row"
        busy={deleting?.busy}
        error={deleting?.error}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        {deleting && (
          <p>
            Row {deleting.row + 1} (id <code>{String(deleting.record.id)}</code>) will be deleted. Its history stays:
            you can restore it from there.
          </p>
        )}
        {isApiError(deleting?.error) && deleting.error.statusCode === 409 && (
          <p>Change or delete the rows that refer to it first, then try again.</p>
        )}
      </ConfirmDialog>
    </>
  );
}
