import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, Response as InjectResponse } from 'light-my-request';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * Records the SQL a piece of work sends through a DataSource, and only that work's: queries are
 * tagged with the async context they were sent from, so background jobs of the same app are left
 * out. Send requests with `injectRequest` to count a request's queries.
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

/**
 * A request through Fastify's `inject`, handled in the caller's async context (so `QueryRecorder`
 * sees its queries): its callback form, as the promise form starts the request in another context.
 */
export function injectRequest(app: NestFastifyApplication, options: InjectOptions): Promise<InjectResponse> {
  return new Promise((resolve, reject) =>
    app
      .getHttpAdapter()
      .getInstance()
      .inject(options, (error, response) => (error || !response ? reject(error) : resolve(response))),
  );
}
