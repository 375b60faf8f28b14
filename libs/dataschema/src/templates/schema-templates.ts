import { SchemaDefinition } from '../definition/schema-definition';
import { CRM_TEMPLATE } from './crm.template';
import { INVENTORY_TEMPLATE } from './inventory.template';

export interface SchemaTemplate {
  key: string;
  name: string;
  description: string;
  /** Without ids: the server assigns them when a tenant starts from the template. */
  definition: SchemaDefinition;
}

export const SCHEMA_TEMPLATES: readonly SchemaTemplate[] = [
  {
    key: 'crm',
    name: 'CRM',
    description: 'Companies, contacts referencing companies, and deals',
    definition: CRM_TEMPLATE,
  },
  {
    key: 'inventory',
    name: 'Inventory',
    description: 'Categories, products, warehouses and stock levels',
    definition: INVENTORY_TEMPLATE,
  },
];
