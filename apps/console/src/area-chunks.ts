/** The lazily loaded areas of the console, one chunk each (heavy libraries load only with their page). */
export const areaChunks = {
  signin: () => import('./pages/signin'),
  tenants: () => import('./pages/tenants'),
  schema: () => import('./pages/schema'),
  data: () => import('./pages/data'),
  imports: () => import('./pages/imports'),
  charts: () => import('./pages/charts'),
  audit: () => import('./pages/audit'),
  notFound: () => import('./pages/not-found'),
};

const areaOfPath: [RegExp, keyof typeof areaChunks][] = [
  [/^\/console\/t\/[^/]+\/tables\/[^/]+\/data(\/|$)/, 'data'],
  [/^\/console\/t\/[^/]+\/tables(\/|$)/, 'schema'],
  [/^\/console\/t\/[^/]+\/imports(\/|$)/, 'imports'],
  [/^\/console\/t\/[^/]+\/charts(\/|$)/, 'charts'],
  [/^\/console\/t\/[^/]+\/audit(\/|$)/, 'audit'],
  [/^\/console\/tenants(\/|$)/, 'tenants'],
  [/^\/console\/signin(\/|$)/, 'signin'],
];

/**
 * Starts fetching the chunk of the area a page load opens on, while the session is still being
 * restored. Without it the chunk is requested only when the route renders, and React then keeps
 * the Suspense fallback on screen for at least 300 ms.
 */
export function preloadAreaOf(pathname: string): void {
  const match = areaOfPath.find(([pattern]) => pattern.test(pathname));
  if (match) void areaChunks[match[1]]().catch(() => undefined);
}
