import { SqlQuery } from './sql';

/**
 * Names for statements whose text is built at run time (a records list of one table, version and
 * query shape), so each distinct text is parsed and planned once per connection. A name is never
 * reused for another text: an evicted text comes back under a new name. `scope` must change
 * whenever the same text could mean another result shape (a tenant's schema version, for
 * example): PostgreSQL refuses to run a prepared statement whose result columns changed type.
 */
export class PreparedStatementNames {
  private readonly names = new Map<string, string>();
  private next = 0;

  constructor(
    private readonly prefix: string,
    private readonly maxEntries = 1000,
  ) {}

  nameFor(scope: string, text: string): string {
    const key = `${scope}\u0000${text}`;
    let name = this.names.get(key);
    if (name !== undefined) {
      // Most recently used last, so the oldest goes first when the registry is full.
      this.names.delete(key);
      this.names.set(key, name);
      return name;
    }
    name = `${this.prefix}${(this.next++).toString(36)}`;
    if (this.names.size >= this.maxEntries) this.names.delete(this.names.keys().next().value as string);
    this.names.set(key, name);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

/** The process's names: every connection of the pool sees the same name for the same statement. */
const processNames = new PreparedStatementNames('strata_s', 2000);

/**
 * `q` as a prepared statement named after its text within `scope` (see `PreparedStatementNames`):
 * for statements built at run time, so each distinct one is parsed and planned once per connection.
 */
export function prepared(scope: string, q: SqlQuery): SqlQuery {
  return q.named(processNames.nameFor(scope, q.text));
}
