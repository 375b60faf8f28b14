import { SchemaDefinition } from '../definition/schema-definition';

/** Products in categories, warehouses, and how many of each product each warehouse holds. */
export const INVENTORY_TEMPLATE: SchemaDefinition = {
  tables: [
    {
      name: 'categories',
      columns: [
        { name: 'name', type: 'string', maxLength: 100, required: true, unique: true },
        { name: 'parent', type: 'reference', references: 'categories', onDelete: 'setNull' },
      ],
    },
    {
      name: 'products',
      description: 'Things you stock and sell',
      columns: [
        { name: 'sku', type: 'string', maxLength: 64, required: true, unique: true },
        { name: 'name', type: 'string', maxLength: 200, required: true },
        { name: 'description', type: 'text' },
        { name: 'price', type: 'decimal', precision: 12, scale: 2, required: true, default: 0 },
        { name: 'weight_kg', type: 'float' },
        { name: 'active', type: 'boolean', required: true, default: true },
        { name: 'category', type: 'reference', references: 'categories', onDelete: 'setNull' },
        { name: 'attributes', type: 'json' },
      ],
    },
    {
      name: 'warehouses',
      columns: [
        { name: 'code', type: 'string', maxLength: 20, required: true, unique: true },
        { name: 'name', type: 'string', maxLength: 200, required: true },
        { name: 'address', type: 'text' },
      ],
    },
    {
      name: 'stock_levels',
      description: 'Quantity of a product in a warehouse',
      columns: [
        { name: 'product', type: 'reference', references: 'products', onDelete: 'cascade', required: true },
        { name: 'warehouse', type: 'reference', references: 'warehouses', onDelete: 'cascade', required: true },
        { name: 'quantity', type: 'integer', required: true, default: 0 },
        { name: 'reorder_level', type: 'integer' },
        { name: 'counted_at', type: 'timestamp' },
      ],
      indexes: [{ columns: ['product', 'warehouse'], unique: true }],
    },
  ],
};
