import { isWholeNumberIn, MAX_PAGE, MAX_PAGE_SIZE, parseWholeNumber, validQuery } from '@app/core';
import type { FastifyRequest } from 'fastify';
import { ListUsersQueryDto } from './list-users-query.dto';

/** `page` and `pageSize` as `ListQueryDto` takes them, or undefined when either is not a valid whole number. */
function plainPaging(query: Record<string, unknown>): { page?: number; pageSize?: number } | undefined {
  const paging: { page?: number; pageSize?: number } = {};
  for (const name in query) {
    if (name !== 'page' && name !== 'pageSize') return undefined;
    const value = parseWholeNumber(query[name]);
    if (!isWholeNumberIn(value, 1, name === 'page' ? MAX_PAGE : MAX_PAGE_SIZE)) return undefined;
    paging[name] = value as number;
  }
  return paging;
}

/**
 * The users list's query as the global validation pipe makes it. A query of nothing but valid
 * `page` and `pageSize` (what a client paging through users sends) is built directly, without
 * class-transformer and class-validator; anything else, errors included, goes through the pipe.
 */
export function listUsersQuery(request: FastifyRequest): Promise<ListUsersQueryDto> {
  const paging = plainPaging(request.query as Record<string, unknown>);
  if (paging === undefined) return validQuery(request, ListUsersQueryDto);
  return Promise.resolve(Object.assign(new ListUsersQueryDto(), paging));
}
