import { Link } from 'react-router';
import { SchemaDefinition } from '../definition';
import { schemaPaths } from '../schema-paths';
import { referencesOf } from './references';

/** The diagram's edges as text: the same information for screen readers and keyboard users. */
export function ReferenceList({ tenant, definition }: { tenant: string; definition: SchemaDefinition }) {
  const references = referencesOf(definition);
  return (
    <section aria-labelledby="reference-list-title">
      <h2 id="reference-list-title">References in the diagram</h2>
      {references.length === 0 ? (
        <p>No table references another.</p>
      ) : (
        <ul>
          {references.map((reference) => (
            <li key={reference.id}>
              <Link to={schemaPaths.table(tenant, reference.from)}>{reference.from}</Link>.{reference.column} →{' '}
              <Link to={schemaPaths.table(tenant, reference.to)}>{reference.to}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
