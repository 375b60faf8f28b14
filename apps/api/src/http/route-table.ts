const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** A Fastify route path (`/api/users/:id`, `/docs/*`) as a pattern matching the request paths it serves. */
export function routePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : escapeRegExp(segment).replace(/\*/g, '.*')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Which methods the app serves on which paths, to answer a known path with another method. */
export class RouteTable {
  private readonly routes: Array<{ pattern: RegExp; method: string }> = [];

  add(method: string | string[], url: string): void {
    const pattern = routePattern(url);
    for (const one of [method].flat()) this.routes.push({ pattern, method: one.toUpperCase() });
  }

  /** The methods allowed on `path` (without its query), sorted; HEAD wherever GET is. */
  methodsFor(path: string): string[] {
    const methods = new Set(this.routes.filter((route) => route.pattern.test(path)).map((route) => route.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}
