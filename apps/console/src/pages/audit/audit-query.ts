/** The trail's filters (API.md, Audit), kept in the page's URL so a filtered view can be shared. */
export interface AuditFilters {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  /** ISO 8601 instants. */
  from: string;
  to: string;
}

export interface AuditView extends AuditFilters {
  ordering: 'seq' | '-seq';
  page: number;
  pageSize: number;
  /** An entry to point out (the first broken one after a verification). */
  entry: string;
}

export const FILTER_KEYS: Array<keyof AuditFilters> = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'];
export const PAGE_SIZES = [20, 50, 100];

export function viewOf(query: URLSearchParams): AuditView {
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, query.get(key) ?? ''])) as unknown as AuditFilters;
  const pageSize = Number(query.get('pageSize'));
  return {
    ...filters,
    ordering: query.get('ordering') === 'seq' ? 'seq' : '-seq',
    page: Math.max(1, Math.floor(Number(query.get('page')) || 1)),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : PAGE_SIZES[0],
    entry: query.get('entry') ?? '',
  };
}

/** The URL query of a view, leaving out what is at its default. */
export function queryOf(view: Partial<AuditView>): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) if (view[key]) query.set(key, view[key] as string);
  if (view.ordering === 'seq') query.set('ordering', 'seq');
  if (view.page && view.page > 1) query.set('page', String(view.page));
  if (view.pageSize && view.pageSize !== PAGE_SIZES[0]) query.set('pageSize', String(view.pageSize));
  if (view.entry) query.set('entry', view.entry);
  return query;
}

/** The filters the API takes: the non-empty ones. */
export function apiFilters(view: AuditFilters): Partial<AuditFilters> {
  return Object.fromEntries(FILTER_KEYS.filter((key) => view[key]).map((key) => [key, view[key]]));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as a `datetime-local` input shows it (the browser's time zone). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (the browser's time zone) as an ISO instant; empty stays empty. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
