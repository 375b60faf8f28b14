import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { useTenantAccess } from '../../session/tenant-access';
import { addTable } from './change-edits';
import { ChangeForm } from './change-form';
import { ColumnDraft, draftToColumn, emptyColumnDraft } from './column-draft';
import { ColumnFields } from './column-fields';
import { TableDefinition } from './definition';
import { flash } from './flash';
import { InputField } from './form-controls';
import { columnsBody } from './request-bodies';
import { schemaPaths } from './schema-paths';
import { usePlannedChange } from './use-planned-change';
import { useSchema } from './use-schema';

/** Errors of `columns[2].name` for the third column's fields, by their own names. */
function columnErrors(errors: Record<string, string>, index: number): Record<string, string> {
  const prefix = `columns[${index}].`;
  return Object.fromEntries(
    Object.entries(errors)
      .filter(([field]) => field.startsWith(prefix))
      .map(([field, message]) => [field.slice(prefix.length), message]),
  );
}

/** A new table with its first columns: reviewed as a plan, then created as a new version. */
export function NewTablePage() {
  const { tenant } = useTenantAccess();
  const navigate = useNavigate();
  const schema = useSchema(tenant);
  const planner = usePlannedChange(tenant);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [columns, setColumns] = useState<ColumnDraft[]>([emptyColumnDraft()]);
  const current = schema.latest;
  const errors = planner.fieldProblems;

  const table = (): TableDefinition => ({
    name: name.trim(),
    ...(description.trim() && { description: description.trim() }),
    columns: columns.map(draftToColumn),
  });
  // A reference may point to any table, this new one included.
  const tableNames = [...(current?.definition.tables.map((t) => t.name) ?? []), ...(name.trim() ? [name.trim()] : [])];

  return (
    <Page title="New table">
      <p>
        <Link to={schemaPaths.tables(tenant)}>Back to the tables</Link>
      </p>
      {schema.status === 'error' && <ErrorMessage error={schema.error} />}
      {!current && schema.status === 'loading' && <Loading label="Loading the schema" />}
      {current && (
        <ChangeForm
          label="New table"
          planner={planner}
          reviewLabel="Review the new table"
          applyLabel="Create table"
          onReview={() => planner.review(addTable(current.definition, table()), current.version)}
          onApply={async (message) => {
            const created = table();
            const { applied, data } = await planner.apply((expectedVersion) =>
              api.POST('/api/tenants/{tenant}/tables', {
                params: { path: { tenant } },
                body: {
                  name: created.name,
                  description: created.description,
                  columns: columnsBody(created.columns),
                  expectedVersion,
                  message,
                },
              }),
            );
            if (applied) {
              void navigate(schemaPaths.table(tenant, created.name), {
                state: flash(`table ${created.name} created in version ${data?.version ?? '?'}.`),
              });
            } else schema.reload();
          }}
        >
          <InputField
            label="Table name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
            hint="Lower-case letters, digits and _, starting with a letter; not a word SQL reserves."
            autoComplete="off"
            required
          />
          <InputField
            label="Table description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={errors.description}
          />
          {errors.columns && <p className="field-error">Error: columns {errors.columns}</p>}
          {columns.map((draft, i) => (
            <fieldset key={i} className="column-group">
              <legend>Column {i + 1}</legend>
              <ColumnFields
                draft={draft}
                onChange={(next) => setColumns(columns.map((c, j) => (j === i ? next : c)))}
                errors={columnErrors(errors, i)}
                tables={tableNames}
              />
              {columns.length > 1 && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setColumns(columns.filter((_, j) => j !== i))}
                >
                  Remove column {i + 1}
                </button>
              )}
            </fieldset>
          ))}
          <button type="button" className="secondary" onClick={() => setColumns([...columns, emptyColumnDraft()])}>
            Add another column
          </button>
        </ChangeForm>
      )}
    </Page>
  );
}
