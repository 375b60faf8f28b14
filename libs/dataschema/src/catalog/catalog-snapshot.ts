/** A tenant schema as the catalog describes it, with the schema's own name removed from definitions. */
export interface CatalogColumn {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  comment: string | null;
}

/** An index, constraint or trigger: its name and its definition as PostgreSQL prints it. */
export interface CatalogObject {
  name: string;
  definition: string;
}

export interface CatalogTable {
  name: string;
  comment: string | null;
  columns: CatalogColumn[];
  indexes: CatalogObject[];
  constraints: CatalogObject[];
  triggers: CatalogObject[];
}

export interface CatalogSnapshot {
  tables: CatalogTable[];
}
