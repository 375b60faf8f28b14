import { quoteIdent } from '@app/core';
import { JsonValue } from '../definition/schema-definition';
import { ColumnState } from '../planner/schema-state';
import { sqlType } from './column-sql-type';
import { quoteLiteral, valueLiteral } from './ddl-literal';
import { derivedNames } from './derived-names';

/** Pieces of DDL shared by the operation renderers. Identifiers always go through quoteIdent. */
export const qualify = (schema: string, name: string): string => `${quoteIdent(schema)}.${quoteIdent(name)}`;

export const columnList = (names: string[]): string => names.map(quoteIdent).join(', ');

export function defaultLiteral(column: Pick<ColumnState, 'type'>, value: JsonValue): string {
  return valueLiteral(value, column.type === 'json');
}

export function commentLiteral(text: string | undefined): string {
  return text === undefined ? 'NULL' : quoteLiteral(text);
}

export function enumCheckClause(column: Pick<ColumnState, 'id' | 'name'>, values: string[]): string {
  return `CONSTRAINT ${quoteIdent(derivedNames.enumCheck(column.id))} CHECK (${quoteIdent(column.name)} IN (${values
    .map(quoteLiteral)
    .join(', ')}))`;
}

/** `"email" text NOT NULL DEFAULT 'x' CONSTRAINT ... CHECK (...)`: a column as CREATE TABLE and ADD COLUMN write it. */
export function columnClause(column: ColumnState): string {
  const parts = [quoteIdent(column.name), sqlType(column)];
  if (column.required) parts.push('NOT NULL');
  if (column.default !== undefined) parts.push(`DEFAULT ${defaultLiteral(column, column.default)}`);
  if (column.values) parts.push(enumCheckClause(column, column.values));
  return parts.join(' ');
}

export const onDeleteClause = (action: ColumnState['onDelete']): string =>
  action === 'cascade' ? 'CASCADE' : action === 'setNull' ? 'SET NULL' : 'RESTRICT';
