import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { Page } from '../../components/page';
import { useTenantAccess } from '../../session/tenant-access';
import { addColumn, patchBetween, updateColumn } from './change-edits';
import { ChangeForm } from './change-form';
import { columnToDraft, draftToColumn, emptyColumnDraft } from './column-draft';
import { ColumnFields } from './column-fields';
import { ColumnDefinition, TableDefinition } from './definition';
import { flash } from './flash';
import { columnBody } from './request-bodies';
import { WithTable } from './schema-loaded';
import { schemaPaths } from './schema-paths';
import { usePlannedChange } from './use-planned-change';
import { ActiveSchema } from './use-schema';

/** Add a column to a table (`column` absent), or change one: rename, type (cast), options. */
export function ColumnFormPage({ mode }: { mode: 'add' | 'edit' }) {
  const { tenant } = useTenantAccess();
  const params = useParams();
  const tableName = params.table ?? '';
  const columnName = mode === 'edit' ? (params.column ?? '') : undefined;
  return (
    <Page title={columnName ? `Column ${tableName}.${columnName}` : `New column in ${tableName}`}>
      <p>
        <Link to={schemaPaths.table(tenant, tableName)}>Back to table {tableName}</Link>
      </p>
      <WithTable table={tableName} column={columnName}>
        {(found) => <ColumnForm key={`${tableName}/${columnName ?? ''}`} {...found} />}
      </WithTable>
    </Page>
  );
}

function ColumnForm({
  schema,
  table,
  column,
  reload,
}: {
  schema: ActiveSchema;
  table: TableDefinition;
  column?: ColumnDefinition;
  reload(): void;
}) {
  const { tenant } = useTenantAccess();
  const navigate = useNavigate();
  const planner = usePlannedChange(tenant);
  const [draft, setDraft] = useState(() => (column ? columnToDraft(column) : emptyColumnDraft()));
  const tables = schema.definition.tables.map((t) => t.name);
  const isNew = column === undefined;
  // The PATCH carries what changed (an option removed is null); a new column is sent whole.
  const { id: _id, ...edited } = draftToColumn(draft);
  const patch = () => (column ? patchBetween(column, edited) : {});

  return (
    <ChangeForm
      label={isNew ? `New column in ${table.name}` : `Change column ${column.name}`}
      planner={planner}
      reviewLabel={isNew ? 'Review the new column' : 'Review the change'}
      applyLabel={isNew ? 'Add column' : 'Apply the change'}
      onReview={() =>
        planner.review(
          column
            ? updateColumn(schema.definition, table.name, column.name, patch())
            : addColumn(schema.definition, table.name, edited),
          schema.version,
        )
      }
      onApply={async (message) => {
        const { applied, data } = await planner.apply((expectedVersion) =>
          column
            ? api.PATCH('/api/tenants/{tenant}/tables/{table}/columns/{column}', {
                params: { path: { tenant, table: table.name, column: column.name } },
                body: { ...columnBody(patch()), expectedVersion, message },
              })
            : api.POST('/api/tenants/{tenant}/tables/{table}/columns', {
                params: { path: { tenant, table: table.name } },
                body: { ...columnBody(edited), expectedVersion, message },
              }),
        );
        if (applied) {
          const what = isNew ? `column ${edited.name} added to ${table.name}` : `column ${edited.name} changed`;
          void navigate(schemaPaths.table(tenant, table.name), {
            state: flash(`${what} in version ${data?.version ?? '?'}.`),
          });
        } else reload();
      }}
    >
      {!isNew && (
        <p className="field-hint">
          A new name renames the column (its values stay). A new type converts the stored values; the change is refused
          when a value does not convert.
        </p>
      )}
      <ColumnFields draft={draft} onChange={setDraft} errors={planner.fieldProblems} tables={tables} />
    </ChangeForm>
  );
}
