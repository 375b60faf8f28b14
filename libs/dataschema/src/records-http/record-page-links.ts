import { requestLink, requestLinks } from '@app/core';
import type { FastifyRequest } from 'fastify';
import { RecordListResult } from '../records-service/records-read.service';

/** The list contract's shape: `{count, next, previous, results}`. */
export interface RecordPage {
  count: number | null;
  next: string | null;
  previous: string | null;
  results: Array<Record<string, unknown>>;
}

/**
 * Links to the neighbouring pages, from the request's own URL: offset pages link to `page±1`
 * (next only when another row exists, so no count is needed); keyset pages link forward with
 * `cursor=` and never back (API.md, "Details that clients rely on").
 */
export function recordPage(request: FastifyRequest, list: RecordListResult): RecordPage {
  if (list.page === undefined)
    return {
      count: list.count,
      next: list.nextCursor ? requestLink(request, { cursor: list.nextCursor }, ['page']) : null,
      previous: null,
      results: list.results,
    };
  const pages: string[] = [];
  if (list.hasMore) pages.push(String(list.page + 1));
  if (list.page > 1) pages.push(String(list.page - 1));
  const links = pages.length === 0 ? [] : requestLinks(request, 'page', pages);
  return {
    count: list.count,
    next: list.hasMore ? links[0] : null,
    previous: list.page > 1 ? links[links.length - 1] : null,
    results: list.results,
  };
}
