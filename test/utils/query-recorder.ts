import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * Records the SQL a piece of work sends through a DataSource, and only that work's: queries are
 * tagged with the async context they were sent from, so background jobs of the same app are left
 * out. Run requests through Fastify's `inject` with a callback (its promise form loses the caller's
 * context) to count a request's queries.
 */
export class QueryRecorder {
  private readonly context = new AsyncLocalStorage<string[]>();

  constructor(dataSource: DataSource) {
    const logger = dataSource.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      this.context.getStore()?.push(query);
      return logQuery(query, parameters, runner);
    };
  }

  async record<T>(work: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
    const queries: string[] = [];
    const result = await this.context.run(queries, work);
    return { result, queries };
  }
}
