import type { FastifyRequest } from 'fastify';
import { requestLink } from './request-link';

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** One page of a list as a service answers it: the total and the rows; the controller adds the links. */
export interface PageSlice<T> {
  count: number;
  results: T[];
}

const pageUrl = (request: FastifyRequest, page: number): string => requestLink(request, { page: String(page) });

/**
 * Wraps one page of results with the total and links to the neighbouring pages. Controllers call
 * it: the links come from the HTTP request, which services never see.
 */
export function toPage<T>(
  request: FastifyRequest,
  query: { page: number; pageSize: number },
  count: number,
  results: T[],
): Page<T> {
  const lastPage = Math.max(1, Math.ceil(count / query.pageSize));
  return {
    count,
    next: query.page < lastPage ? pageUrl(request, query.page + 1) : null,
    previous: query.page > 1 ? pageUrl(request, Math.min(query.page - 1, lastPage)) : null,
    results,
  };
}

export const pageOffset = (query: { page: number; pageSize: number }) => (query.page - 1) * query.pageSize;
