import { Link, useNavigate, useParams } from 'react-router';
import { Page } from '../../components/page';
import { useTenantAccess } from '../../session/tenant-access';
import { dropIndex } from './change-edits';
import { ChangeForm } from './change-form';
import { TableDefinition } from './definition';
import { flash } from './flash';
import { putDefinition } from './index-change';
import { WithTable } from './schema-loaded';
import { schemaPaths } from './schema-paths';
import { usePlannedChange } from './use-planned-change';
import { ActiveSchema } from './use-schema';

/** Drop one of the indexes a table's definition declares (by id); no data goes away. */
export function DropIndexPage() {
  const { tenant } = useTenantAccess();
  const params = useParams();
  const table = params.table ?? '';
  const indexId = params.index ?? '';
  return (
    <Page title={`Drop an index of ${table}`}>
      <p>
        <Link to={schemaPaths.table(tenant, table)}>Back to table {table}</Link>
      </p>
      <WithTable table={table}>{(found) => <DropIndexForm key={indexId} indexId={indexId} {...found} />}</WithTable>
    </Page>
  );
}

function DropIndexForm({
  schema,
  table,
  indexId,
  reload,
}: {
  schema: ActiveSchema;
  table: TableDefinition;
  indexId: string;
  reload(): void;
}) {
  const { tenant } = useTenantAccess();
  const navigate = useNavigate();
  const planner = usePlannedChange(tenant);
  const index = table.indexes?.find((ix) => ix.id === indexId);
  if (!index) {
    return (
      <div className="notice notice-error" role="alert">
        <strong>No such index:</strong> table {table.name} declares no index {indexId} in version {schema.version}. It
        may have been dropped already: go back to <Link to={schemaPaths.table(tenant, table.name)}>{table.name}</Link>.
      </div>
    );
  }
  const what = `${index.unique ? 'unique ' : ''}index on ${index.columns.join(', ')}`;
  return (
    <ChangeForm
      label={`Drop the ${what}`}
      planner={planner}
      reviewLabel="Review the drop"
      applyLabel="Drop index"
      onReview={() => planner.review(dropIndex(schema.definition, table.name, indexId), schema.version)}
      onApply={async (message) => {
        const { applied, data } = await planner.apply((expectedVersion) =>
          putDefinition(tenant, dropIndex(schema.definition, table.name, indexId), expectedVersion, message),
        );
        if (applied) {
          void navigate(schemaPaths.table(tenant, table.name), {
            state: flash(`${what} dropped from ${table.name} in version ${data?.version ?? '?'}.`),
          });
        } else reload();
      }}
    >
      <p>
        The {what} leaves the table; the rows stay as they are.
        {index.unique
          ? ' The columns may then hold the same values twice.'
          : ' Searches on these columns may be slower.'}
      </p>
    </ChangeForm>
  );
}
