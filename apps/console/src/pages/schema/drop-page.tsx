import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { Page } from '../../components/page';
import { useTenantAccess } from '../../session/tenant-access';
import { dropColumn, dropTable } from './change-edits';
import { ChangeForm } from './change-form';
import { incomingReferences } from './definition';
import { flash } from './flash';
import { WithTable } from './schema-loaded';
import { schemaPaths } from './schema-paths';
import { usePlannedChange } from './use-planned-change';
import { ActiveSchema } from './use-schema';

/** Drop a table or one of its columns: the data is set aside (a rollback brings it back) until purged. */
export function DropPage({ what }: { what: 'table' | 'column' }) {
  const { tenant } = useTenantAccess();
  const params = useParams();
  const table = params.table ?? '';
  const column = what === 'column' ? (params.column ?? '') : undefined;
  const title = column ? `Drop column ${table}.${column}` : `Drop table ${table}`;
  return (
    <Page title={title}>
      <p>
        <Link to={schemaPaths.table(tenant, table)}>Back to table {table}</Link>
      </p>
      <WithTable table={table} column={column}>
        {({ schema, reload }) => (
          <DropForm schema={schema} table={table} column={column} title={title} reload={reload} />
        )}
      </WithTable>
    </Page>
  );
}

function DropForm({
  schema,
  table,
  column,
  title,
  reload,
}: {
  schema: ActiveSchema;
  table: string;
  column?: string;
  title: string;
  reload(): void;
}) {
  const { tenant } = useTenantAccess();
  const navigate = useNavigate();
  const planner = usePlannedChange(tenant);
  const referencing = column ? [] : incomingReferences(schema.definition, table).filter((r) => r.table !== table);
  return (
    <ChangeForm
      label={title}
      planner={planner}
      reviewLabel="Review the drop"
      applyLabel={column ? `Drop column ${column}` : `Drop table ${table}`}
      onReview={() =>
        planner.review(
          column ? dropColumn(schema.definition, table, column) : dropTable(schema.definition, table),
          schema.version,
        )
      }
      onApply={async (message) => {
        const { applied } = await planner.apply((expectedVersion) => {
          const query = { expectedVersion, message };
          return column
            ? api.DELETE('/api/tenants/{tenant}/tables/{table}/columns/{column}', {
                params: { path: { tenant, table, column }, query },
              })
            : api.DELETE('/api/tenants/{tenant}/tables/{table}', { params: { path: { tenant, table }, query } });
        });
        if (applied) {
          void navigate(column ? schemaPaths.table(tenant, table) : schemaPaths.tables(tenant), {
            state: flash(
              column
                ? `column ${column} dropped from ${table}; its values are set aside until purged.`
                : `table ${table} dropped; its rows are set aside until purged.`,
            ),
          });
        } else reload();
      }}
    >
      <p>
        {column
          ? `The column and its values leave the table. They are kept aside: rolling back to an earlier version brings them back, until an admin purges them.`
          : `The table and its rows leave the schema. They are kept aside: rolling back to an earlier version brings them back, until an admin purges them.`}
      </p>
      {referencing.length > 0 && (
        <p className="notice notice-warning">
          <strong>Referenced by:</strong> {referencing.map((r) => `${r.table}.${r.column.name}`).join(', ')}. Drop or
          change those columns first; the server refuses a drop that leaves a reference to nothing.
        </p>
      )}
    </ChangeForm>
  );
}
