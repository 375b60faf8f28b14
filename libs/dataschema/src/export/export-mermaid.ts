import { ColumnDefinition, SchemaDefinition } from '../definition/schema-definition';

/** Mermaid attribute comments are double-quoted and cannot escape a quote. */
const mermaidText = (text: string) => text.replace(/["\s]+/g, ' ').trim();

function attribute(column: ColumnDefinition): string {
  const keys = [column.type === 'reference' ? 'FK' : '', column.unique ? 'UK' : ''].filter(Boolean).join(', ');
  const parts = [column.type, column.name];
  if (keys) parts.push(keys);
  if (column.description) parts.push(`"${mermaidText(column.description)}"`);
  return parts.join(' ');
}

/**
 * A Mermaid ER diagram: every table with its system and user columns, and one relationship per
 * reference (many to exactly one when the reference is required, to zero or one otherwise).
 * Names are validated identifiers, so they need no quoting in Mermaid.
 */
export function exportMermaid(definition: SchemaDefinition): string {
  const lines = ['erDiagram'];
  for (const table of definition.tables) {
    lines.push(`  ${table.name} {`);
    lines.push('    uuid id PK');
    for (const column of table.columns) lines.push(`    ${attribute(column)}`);
    lines.push('    timestamp created_at', '    timestamp updated_at', '    uuid created_by', '    uuid updated_by');
    lines.push('  }');
  }
  for (const table of definition.tables) {
    for (const column of table.columns.filter((c) => c.type === 'reference')) {
      const target = column.required ? '||' : 'o|';
      lines.push(`  ${table.name} }o--${target} ${column.references} : ${column.name}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
