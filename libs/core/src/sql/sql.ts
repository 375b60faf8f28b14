import { quoteIdent } from './sql-identifier';

/** A piece of SQL text that is inlined as is (only quoted identifiers and keywords). */
export class SqlRaw {
  constructor(readonly text: string) {}
}

/**
 * Parameterised SQL: `text` with `$n` placeholders and their `values`. With a `name`, PostgreSQL
 * parses and plans the text once per connection and runs it by name afterwards (a prepared
 * statement); one name must always stand for one text (see `PreparedStatementNames`).
 */
export class SqlQuery {
  constructor(
    readonly text: string,
    readonly values: unknown[],
    readonly name?: string,
  ) {}

  /** The same statement, prepared under `name`. */
  named(name: string): SqlQuery {
    return new SqlQuery(this.text, this.values, name);
  }

  /** The same text and name with other parameter values (as many, in the same places). */
  withValues(values: unknown[]): SqlQuery {
    return new SqlQuery(this.text, values, this.name);
  }
}

export const ident = (name: string): SqlRaw => new SqlRaw(quoteIdent(name));
export const qualified = (schema: string, name: string): SqlRaw =>
  new SqlRaw(`${quoteIdent(schema)}.${quoteIdent(name)}`);
export const raw = (text: string): SqlRaw => new SqlRaw(text);

/** Joins fragments with a separator, e.g. a column list (each fragment's placeholders renumbered once). */
export function join(parts: Array<SqlRaw | SqlQuery>, separator = ', '): SqlQuery {
  let text = '';
  const params: unknown[] = [];
  parts.forEach((part, i) => {
    if (i > 0) text += separator;
    if (part instanceof SqlRaw) text += part.text;
    else {
      text += renumbered(part.text, params.length);
      params.push(...part.values);
    }
  });
  return new SqlQuery(text, params);
}

/** `text` with each `$n` moved up by `offset`. */
const renumbered = (text: string, offset: number) =>
  offset === 0 ? text : text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);

/**
 * Tagged template: interpolations become `$n` parameters, `SqlRaw` is inlined and nested
 * `SqlQuery` fragments are merged with their placeholders renumbered.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlQuery {
  let text = strings[0];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof SqlRaw) text += value.text;
    else if (value instanceof SqlQuery) {
      text += renumbered(value.text, params.length);
      params.push(...value.values);
    } else {
      params.push(value);
      text += `$${params.length}`;
    }
    text += strings[i + 1];
  });
  return new SqlQuery(text, params);
}
