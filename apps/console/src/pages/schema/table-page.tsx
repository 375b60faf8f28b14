import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { IfAllowed } from '../../layout/require-permission';
import { useTenantAccess } from '../../session/tenant-access';
import { defaultText, onDeleteText, typeText } from './column-type';
import { incomingReferences, SchemaDefinition, SYSTEM_COLUMNS, TableDefinition } from './definition';
import { Flash } from './flash';
import { SchemaNav } from './schema-nav';
import { schemaPaths } from './schema-paths';
import { useSchema } from './use-schema';

const yesNo = (value: boolean | undefined) => (value ? 'yes' : 'no');

/** Every index PostgreSQL keeps for the table: the primary key's, the unique columns', each reference's, and the declared ones. */
function indexesOf(table: TableDefinition): Array<{ columns: string[]; unique: boolean; source: string; id?: string }> {
  return [
    { columns: ['id'], unique: true, source: 'the primary key' },
    ...table.columns
      .filter((c) => c.unique)
      .map((c) => ({ columns: [c.name], unique: true, source: 'the unique column' })),
    ...table.columns
      .filter((c) => c.type === 'reference')
      .map((c) => ({ columns: [c.name], unique: false, source: `the reference to ${c.references}` })),
    ...(table.indexes ?? []).map((index) => ({
      columns: index.columns,
      unique: index.unique === true,
      source: 'the definition (indexes)',
      id: index.id,
    })),
  ];
}

/** One table: its columns and types, constraints, indexes and references both ways. */
export function TablePage() {
  const { tenant } = useTenantAccess();
  const name = useParams().table ?? '';
  const schema = useSchema(tenant);
  const table = schema.data?.definition.tables.find((t) => t.name === name);
  return (
    <Page
      title={`Table ${name}`}
      actions={
        table && (
          <IfAllowed permission="editSchema">
            <Link className="button" to={schemaPaths.newColumn(tenant, name)}>
              Add column
            </Link>
            <Link className="button secondary" to={schemaPaths.editTable(tenant, name)}>
              Rename or describe
            </Link>
            <Link className="button danger" to={schemaPaths.dropTable(tenant, name)}>
              Drop table
            </Link>
          </IfAllowed>
        )
      }
    >
      <SchemaNav />
      <Flash />
      {schema.status === 'loading' && <Loading label="Loading the table" />}
      {schema.status === 'error' && <ErrorMessage error={schema.error} />}
      {schema.status === 'ok' && !table && (
        <div className="notice notice-error" role="alert">
          <strong>No table {name}</strong> in version {schema.data.version} of this schema. It may have been renamed,
          dropped or rolled back: pick a table from the <Link to={schemaPaths.tables(tenant)}>table list</Link>.
        </div>
      )}
      {schema.status === 'ok' && table && (
        <TableDetails tenant={tenant} table={table} definition={schema.data.definition} />
      )}
    </Page>
  );
}

function TableDetails({
  tenant,
  table,
  definition,
}: {
  tenant: string;
  table: TableDefinition;
  definition: SchemaDefinition;
}) {
  const references = table.columns.filter((c) => c.type === 'reference');
  const incoming = incomingReferences(definition, table.name);
  const required = table.columns.filter((c) => c.required).map((c) => c.name);
  const unique = table.columns.filter((c) => c.unique).map((c) => c.name);
  return (
    <>
      <p>
        {table.description ?? 'No description.'}{' '}
        <Link to={schemaPaths.data(tenant, table.name)}>Rows of {table.name}</Link>
      </p>
      <section aria-labelledby="columns-title">
        <h2 id="columns-title">Columns</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Type</th>
                <th scope="col">Required</th>
                <th scope="col">Unique</th>
                <th scope="col">Default</th>
                <th scope="col">Description</th>
                <IfAllowed permission="editSchema">
                  <th scope="col">Change</th>
                </IfAllowed>
              </tr>
            </thead>
            <tbody>
              {table.columns.map((column) => (
                <tr key={column.id ?? column.name}>
                  <th scope="row">{column.name}</th>
                  <td>{typeText(column)}</td>
                  <td>{yesNo(column.required)}</td>
                  <td>{yesNo(column.unique)}</td>
                  <td>
                    <code>{defaultText(column)}</code>
                  </td>
                  <td>{column.description ?? ''}</td>
                  <IfAllowed permission="editSchema">
                    <td className="row-actions">
                      <Link
                        to={schemaPaths.column(tenant, table.name, column.name)}
                        aria-label={`Edit column ${column.name}`}
                      >
                        Edit
                      </Link>{' '}
                      <Link
                        to={schemaPaths.dropColumn(tenant, table.name, column.name)}
                        aria-label={`Drop column ${column.name}`}
                      >
                        Drop
                      </Link>
                    </td>
                  </IfAllowed>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">
          Every table also has system columns, set by the server:{' '}
          {SYSTEM_COLUMNS.map((c) => `${c.name} (${c.type})`).join(', ')}.
        </p>
      </section>

      <section aria-labelledby="constraints-title">
        <h2 id="constraints-title">Constraints</h2>
        <ul>
          <li>Primary key: id</li>
          <li>Not null: {required.length ? required.join(', ') : 'no column of the definition'}</li>
          <li>Unique: {unique.length ? unique.join(', ') : 'no column'}</li>
          <li>
            Foreign keys:{' '}
            {references.length
              ? references.map((c) => `${c.name} → ${c.references}.id (on delete ${onDeleteText(c)})`).join('; ')
              : 'none'}
          </li>
        </ul>
      </section>

      <section aria-labelledby="indexes-title">
        <h2 id="indexes-title">Indexes</h2>
        <table aria-labelledby="indexes-title">
          <thead>
            <tr>
              <th scope="col">Columns</th>
              <th scope="col">Unique</th>
              <th scope="col">Made by</th>
              <IfAllowed permission="editSchema">
                <th scope="col">Change</th>
              </IfAllowed>
            </tr>
          </thead>
          <tbody>
            {indexesOf(table).map((index, i) => (
              <tr key={i}>
                <td>{index.columns.join(', ')}</td>
                <td>{yesNo(index.unique)}</td>
                <td>{index.source}</td>
                <IfAllowed permission="editSchema">
                  <td className="row-actions">
                    {index.id ? (
                      <Link
                        to={schemaPaths.dropIndex(tenant, table.name, index.id)}
                        aria-label={`Drop index on ${index.columns.join(', ')}`}
                      >
                        Drop
                      </Link>
                    ) : (
                      <span className="muted">with its column</span>
                    )}
                  </td>
                </IfAllowed>
              </tr>
            ))}
          </tbody>
        </table>
        <IfAllowed permission="editSchema">
          <p>
            <Link className="button secondary" to={schemaPaths.newIndex(tenant, table.name)}>
              Add index
            </Link>
          </p>
        </IfAllowed>
      </section>

      <section aria-labelledby="references-title">
        <h2 id="references-title">References</h2>
        <h3>From this table</h3>
        {references.length ? (
          <ul>
            {references.map((c) => (
              <li key={c.name}>
                {table.name}.{c.name} → <Link to={schemaPaths.table(tenant, c.references ?? '')}>{c.references}</Link>{' '}
                (on delete {onDeleteText(c)})
              </li>
            ))}
          </ul>
        ) : (
          <p>This table references no other table.</p>
        )}
        <h3>To this table</h3>
        {incoming.length ? (
          <ul>
            {incoming.map(({ table: from, column }) => (
              <li key={`${from}.${column.name}`}>
                <Link to={schemaPaths.table(tenant, from)}>{from}</Link>.{column.name} → {table.name} (on delete{' '}
                {onDeleteText(column)})
              </li>
            ))}
          </ul>
        ) : (
          <p>No table references this one.</p>
        )}
      </section>
    </>
  );
}
