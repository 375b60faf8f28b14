import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { Page } from '../../components/page';
import { useTenantAccess } from '../../session/tenant-access';
import { patchBetween, updateTable } from './change-edits';
import { ChangeForm } from './change-form';
import { TableDefinition } from './definition';
import { flash } from './flash';
import { InputField } from './form-controls';
import { schemaPaths } from './schema-paths';
import { usePlannedChange } from './use-planned-change';
import { ActiveSchema } from './use-schema';
import { WithTable } from './schema-loaded';

/** Rename a table (its rows stay, references follow) or change its description. */
export function EditTablePage() {
  const name = useParams().table ?? '';
  const { tenant } = useTenantAccess();
  return (
    <Page title={`Rename or describe ${name}`}>
      <p>
        <Link to={schemaPaths.table(tenant, name)}>Back to table {name}</Link>
      </p>
      <WithTable table={name}>
        {({ schema, table, reload }) => <EditTableForm schema={schema} table={table} reload={reload} />}
      </WithTable>
    </Page>
  );
}

function EditTableForm({ schema, table, reload }: { schema: ActiveSchema; table: TableDefinition; reload(): void }) {
  const { tenant } = useTenantAccess();
  const navigate = useNavigate();
  const planner = usePlannedChange(tenant);
  const [name, setName] = useState(table.name);
  const [description, setDescription] = useState(table.description ?? '');
  const errors = planner.fieldProblems;
  const patch = () =>
    patchBetween(
      { name: table.name, description: table.description },
      { name: name.trim(), description: description.trim() || undefined },
    );

  return (
    <ChangeForm
      label={`Rename or describe ${table.name}`}
      planner={planner}
      reviewLabel="Review the change"
      applyLabel="Apply the change"
      onReview={() => planner.review(updateTable(schema.definition, table.name, patch()), schema.version)}
      onApply={async (message) => {
        const { applied, data } = await planner.apply((expectedVersion) =>
          api.PATCH('/api/tenants/{tenant}/tables/{table}', {
            params: { path: { tenant, table: table.name } },
            body: { ...patch(), expectedVersion, message },
          }),
        );
        if (applied) {
          void navigate(schemaPaths.table(tenant, name.trim()), {
            state: flash(`table ${name.trim()} changed in version ${data?.version ?? '?'}.`),
          });
        } else reload();
      }}
    >
      <InputField
        label="Table name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
        hint="A new name renames the table: its rows stay, and references to it follow."
        autoComplete="off"
        required
      />
      <InputField
        label="Table description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={errors.description}
      />
    </ChangeForm>
  );
}
