import { routePattern, RouteTable } from './route-table';

describe('RouteTable', () => {
  const table = new RouteTable();
  table.add('GET', '/api/users');
  table.add(['POST'], '/api/users');
  table.add('GET', '/api/users/:id');
  table.add('DELETE', '/api/users/:id');
  table.add('GET', '/api/tenants/:tenant/members/:userId');
  table.add('GET', '/docs/*');

  it('lists the methods of a path, with HEAD wherever GET is', () => {
    expect(table.methodsFor('/api/users')).toEqual(['GET', 'HEAD', 'POST']);
    expect(table.methodsFor('/api/users/42')).toEqual(['DELETE', 'GET', 'HEAD']);
    expect(table.methodsFor('/api/tenants/acme/members/7')).toEqual(['GET', 'HEAD']);
    expect(table.methodsFor('/docs/swagger-ui.css')).toEqual(['GET', 'HEAD']);
  });

  it('knows nothing of paths no route serves', () => {
    expect(table.methodsFor('/api/nothing')).toEqual([]);
    expect(table.methodsFor('/api/users/42/extra')).toEqual([]);
    expect(table.methodsFor('/api/users/')).toEqual([]);
    expect(table.methodsFor('/api/tenants//members/7')).toEqual([]);
  });

  it('takes the static parts of a route literally', () => {
    expect(routePattern('/api/users/active_count').test('/api/users/active_count')).toBe(true);
    expect(routePattern('/metrics.json').test('/metricsXjson')).toBe(false);
  });
});
