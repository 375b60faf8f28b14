import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Page } from '../../components/page';
import { useTenantAccess } from '../../session/tenant-access';
import { addIndex, indexFieldProblems } from './change-edits';
import { ChangeForm } from './change-form';
import { IndexDefinition, SYSTEM_COLUMNS, TableDefinition } from './definition';
import { flash } from './flash';
import { CheckboxField, InputField } from './form-controls';
import { putDefinition } from './index-change';
import { WithTable } from './schema-loaded';
import { schemaPaths } from './schema-paths';
import { usePlannedChange } from './use-planned-change';
import { ActiveSchema } from './use-schema';

/** Add an index to a table: its columns in order, unique or not. */
export function IndexFormPage() {
  const { tenant } = useTenantAccess();
  const table = useParams().table ?? '';
  return (
    <Page title={`New index on ${table}`}>
      <p>
        <Link to={schemaPaths.table(tenant, table)}>Back to table {table}</Link>
      </p>
      <WithTable table={table}>{(found) => <IndexForm key={table} {...found} />}</WithTable>
    </Page>
  );
}

/** "a, b ,c" -> ["a", "b", "c"]: the order is the index's. */
const columnList = (text: string) =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

function IndexForm({ schema, table, reload }: { schema: ActiveSchema; table: TableDefinition; reload(): void }) {
  const { tenant } = useTenantAccess();
  const navigate = useNavigate();
  const planner = usePlannedChange(tenant);
  const [columns, setColumns] = useState('');
  const [unique, setUnique] = useState(false);
  const index: IndexDefinition = { columns: columnList(columns), ...(unique && { unique: true }) };
  const change = () => addIndex(schema.definition, table.name, index);
  const problems = indexFieldProblems(change().prefix, planner.problems);
  const available = [...table.columns.map((c) => c.name), ...SYSTEM_COLUMNS.map((c) => c.name)];

  return (
    <ChangeForm
      label={`New index on ${table.name}`}
      planner={planner}
      reviewLabel="Review the new index"
      applyLabel="Add index"
      onReview={() => planner.review(change(), schema.version)}
      onApply={async (message) => {
        const { applied, data } = await planner.apply((expectedVersion) =>
          putDefinition(tenant, change(), expectedVersion, message),
        );
        if (applied) {
          void navigate(schemaPaths.table(tenant, table.name), {
            state: flash(
              `index on ${index.columns.join(', ')} added to ${table.name} in version ${data?.version ?? '?'}.`,
            ),
          });
        } else reload();
      }}
    >
      <InputField
        label="Columns, in index order (comma-separated)"
        value={columns}
        onChange={(event) => setColumns(event.target.value)}
        error={problems.columns}
        hint={`Columns of ${table.name}: ${available.join(', ')}. Up to 32; the first ones narrow a search most.`}
        autoComplete="off"
        spellCheck={false}
      />
      <CheckboxField
        label="Unique (no two rows with the same values in these columns)"
        checked={unique}
        onChange={(event) => setUnique(event.target.checked)}
        error={problems.unique}
      />
    </ChangeForm>
  );
}
