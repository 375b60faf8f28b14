import { SqlQuery, SqlRunner } from '@app/core';
import { SqlExecutor } from '../runner/sql-executor';

/** The planner's and catalog reader's view of a `SqlDatabase` transaction. */
export const runnerExecutor = (runner: SqlRunner): SqlExecutor => ({
  query: (text, values) => runner.query(new SqlQuery(text, values ?? [])),
});
