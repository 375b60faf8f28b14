import createClient from 'openapi-fetch';
import { authorizedFetch } from './authorized-fetch';
import type { components, paths } from './schema';

/**
 * The typed client of the platform API, generated from /docs-json (see ./schema.d.ts). Paths,
 * parameters, bodies and answers are checked by the compiler:
 *
 *   const { data, error } = await api.GET('/api/tenants/{tenant}/tables', { params: { path: { tenant } } });
 */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: (request) => authorizedFetch(request),
});

export type Schemas = components['schemas'];
export type ApiPaths = paths;
