import { SchemaDefinition } from '../../definition/schema-definition';
import { compileRecordTables } from '../record-table';

/** A table with a column of every type, and a table it references. */
export const SAMPLE_DEFINITION: SchemaDefinition = {
  tables: [
    { name: 'companies', columns: [{ name: 'name', type: 'string', maxLength: 100, required: true }] },
    {
      name: 'things',
      columns: [
        { name: 'label', type: 'string', maxLength: 5, required: true },
        { name: 'body', type: 'text' },
        { name: 'qty', type: 'integer' },
        { name: 'big', type: 'bigint' },
        { name: 'price', type: 'decimal', precision: 6, scale: 2 },
        { name: 'ratio', type: 'float' },
        { name: 'active', type: 'boolean', required: true, default: true },
        { name: 'born', type: 'date' },
        { name: 'seen_at', type: 'timestamp' },
        { name: 'token', type: 'uuid' },
        { name: 'meta', type: 'json' },
        { name: 'email', type: 'email' },
        { name: 'site', type: 'url' },
        { name: 'status', type: 'enum', values: ['lead', 'customer'] },
        { name: 'company', type: 'reference', references: 'companies', onDelete: 'restrict' },
      ],
    },
  ],
};

export const sampleTables = () => compileRecordTables('tenant_acme', SAMPLE_DEFINITION);
export const sampleTable = () => sampleTables().get('things')!;
