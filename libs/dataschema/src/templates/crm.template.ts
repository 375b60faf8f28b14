import { SchemaDefinition } from '../definition/schema-definition';

/** Companies, the contacts who work there, and the deals made with them. */
export const CRM_TEMPLATE: SchemaDefinition = {
  tables: [
    {
      name: 'companies',
      description: 'Organisations you sell to',
      columns: [
        { name: 'name', type: 'string', maxLength: 200, required: true },
        { name: 'domain', type: 'string', maxLength: 253, unique: true },
        { name: 'industry', type: 'enum', values: ['software', 'retail', 'finance', 'health', 'other'] },
        { name: 'employees', type: 'integer' },
        { name: 'website', type: 'url' },
        { name: 'notes', type: 'text' },
      ],
      indexes: [{ columns: ['name'] }],
    },
    {
      name: 'contacts',
      description: 'People at companies',
      columns: [
        { name: 'first_name', type: 'string', maxLength: 100, required: true },
        { name: 'last_name', type: 'string', maxLength: 100, required: true },
        { name: 'email', type: 'email', unique: true },
        { name: 'phone', type: 'string', maxLength: 50 },
        { name: 'company', type: 'reference', references: 'companies', onDelete: 'setNull' },
        { name: 'status', type: 'enum', values: ['lead', 'customer', 'churned'], default: 'lead', required: true },
      ],
      indexes: [{ columns: ['last_name', 'first_name'] }],
    },
    {
      name: 'deals',
      description: 'Opportunities and their stage',
      columns: [
        { name: 'title', type: 'string', maxLength: 200, required: true },
        { name: 'amount', type: 'decimal', precision: 12, scale: 2, default: 0, required: true },
        {
          name: 'stage',
          type: 'enum',
          values: ['prospect', 'qualified', 'proposal', 'won', 'lost'],
          default: 'prospect',
          required: true,
        },
        { name: 'close_date', type: 'date' },
        { name: 'company', type: 'reference', references: 'companies', onDelete: 'cascade', required: true },
        { name: 'contact', type: 'reference', references: 'contacts', onDelete: 'setNull' },
      ],
      indexes: [{ columns: ['stage', 'close_date'] }],
    },
  ],
};
