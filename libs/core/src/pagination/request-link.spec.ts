import { LinkRequest, requestLink, requestLinks } from './request-link';
import { SeededRandom } from '../../../../test/utils/seeded-random';

/** What list links were before: WHATWG URL and URLSearchParams, the reference the fast path must equal. */
function byUrl(request: LinkRequest, set: Record<string, string>, remove: string[] = []): string {
  const url = new URL(request.url, `${request.protocol}://${request.headers.host ?? 'localhost'}`);
  for (const name of remove) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(set)) url.searchParams.set(name, value);
  return url.toString();
}

const request = (url: string, host: string | undefined = '127.0.0.1:3000', protocol = 'http') =>
  ({ url, protocol, headers: host === undefined ? {} : { host } }) as LinkRequest;

/** A small deterministic generator, so a failure names a case that can be replayed. */
function generator(seed: number) {
  const random = new SeededRandom(seed);
  return { next: () => random.next(), pick: <T>(items: readonly T[]): T => random.pick(items) };
}

const QUERY_CHARS = [...'aZ09-._*~!$\'()+,;:@[]{}|^`"<>\\/?=&% é#'];
const QUERY_TOKENS = [
  ...QUERY_CHARS,
  ...['%5B', '%5d', '%20', '%2B', '%25', '%23', '%26', '%3D', '%C3%A9', '%zz', '%4', '%0a', '%7F', '%80', '+', '+'],
];
const SET_CHARS = [...'aZ09-._* +%&=#/\n\u0001é'];
const PATH_CHARS = [...'az09-._~!$&()*+,;=:@/%[] é'];
const HOSTS = [
  '127.0.0.1:3000',
  'localhost',
  'LOCALHOST:3000',
  'api.example.com',
  'api.example.com:80',
  'api.example.com:443',
  'api.example.com:0080',
  'api.example.com:70000',
  '127.1',
  '0x7f.0.0.1',
  '1.2.3.4.5',
  'xn--nxasmq6b.com',
  '[::1]:8080',
  'a..b',
];

describe('requestLink', () => {
  it('writes the links of the list routes as URL did', () => {
    const records = '/api/tenants/bench/tables/orders/records';
    const cases: Array<[LinkRequest, Record<string, string>, string[]?]> = [
      [request(`${records}?filter[account][eq]=7&sort=-placed_at&page=2&pageSize=20`), { page: '3' }],
      [request(`${records}?filter[account][eq]=7&sort=-placed_at&page=2&pageSize=20`), { page: '1' }],
      [request(`${records}?cursor=&page=4&sort=-created_at`), { cursor: 'eyJrIjpbIjEiXX0' }, ['page']],
      [request('/api/users?pageSize=20'), { page: '2' }],
      [request('/api/users?page=2&page=3&pageSize=20&page=9'), { page: '3' }],
      [request('/api/users'), { page: '2' }, undefined],
      [request('/api/users?'), { page: '2' }],
      [request('/api/users?&&a&b=&=c'), { page: '2' }],
      [request('/api/users?search=a b&x=%41+y'), { page: '2' }],
      [request('/api/users?search=a+b%2Bc%20d&x=%41%zz%&y=%C3%A9'), { page: '2' }],
      [request('/api/users?search=a+b%2Bc%20d&x=%41%zz%&y=%5b%5D'), { page: '2', cursor: 'a b+c\u0001' }],
      [request('/api/users?fields=id,email&sort=a'), { page: '2' }],
      [request('/api/users?page=1', undefined), { page: '2' }],
      [request('/api/users?page=1', 'api.example.com', 'https'), { page: '2' }],
      [request('/api/users?page=1', 'api.example.com:443', 'https'), { page: '2' }],
      [request('/api/../users?page=1'), { page: '2' }],
      [request('//evil.example/users?page=1'), { page: '2' }],
      [request('/api/users?page=1#top'), { page: '2' }],
      [request('/api/users?page=1'), { page: 'a b/é' }],
      [request('/api/users?page=1'), {}, ['page']],
      [request('/api/users?page=1&a=2&page=3'), { page: '4' }, ['page']],
    ];
    for (const [req, set, remove] of cases) expect(requestLink(req, set, remove)).toBe(byUrl(req, set, remove));
  });

  it('equals URL on generated paths, queries and hosts', () => {
    const { next, pick } = generator(11);
    const text = (chars: readonly string[], max: number) =>
      Array.from({ length: Math.floor(next() * max) }, () => pick(chars)).join('');
    for (let i = 0; i < 5000; i++) {
      const path = `/${text(PATH_CHARS, 12)}`;
      const query = Array.from(
        { length: Math.floor(next() * 5) },
        () =>
          pick(['page', 'pageSize', 'cursor', text(QUERY_TOKENS, 6)]) +
          (next() < 0.8 ? `=${text(QUERY_TOKENS, 8)}` : ''),
      ).join('&');
      const req = request(next() < 0.9 ? `${path}?${query}` : path, pick(HOSTS), pick(['http', 'https']));
      const set: Record<string, string> =
        next() < 0.5 ? { page: String(Math.floor(next() * 100)) } : { cursor: text(SET_CHARS, 6) };
      const remove = next() < 0.3 ? ['page'] : [];
      let expected: string;
      try {
        expected = byUrl(req, set, remove);
      } catch {
        expect(() => requestLink(req, set, remove)).toThrow();
        continue;
      }
      expect({ req, set, remove, link: requestLink(req, set, remove) }).toEqual({ req, set, remove, link: expected });
    }
  });
});

describe('requestLinks', () => {
  it('writes each value as requestLink does, on the list routes and on generated requests', () => {
    const records = '/api/tenants/bench/tables/orders/records';
    const requests = [
      request(`${records}?filter%5Baccount%5D%5Beq%5D=7&sort=-placed_at&page=2&pageSize=20`),
      request(`${records}?filter[account][eq]=7&page=2&sort=-placed_at&page=5`),
      request('/api/users?pageSize=20'),
      request('/api/users'),
      request('/api/users?x=%C3%A9&page=2'),
      request('/api/../users?page=2'),
      request('/api/users?page=2', 'api.example.com:443', 'https'),
    ];
    const { next, pick } = generator(23);
    const text = (chars: readonly string[], max: number) =>
      Array.from({ length: Math.floor(next() * max) }, () => pick(chars)).join('');
    for (let i = 0; i < 2000; i++) {
      const query = Array.from(
        { length: Math.floor(next() * 5) },
        () => pick(['page', 'pageSize', text(QUERY_TOKENS, 6)]) + (next() < 0.8 ? `=${text(QUERY_TOKENS, 8)}` : ''),
      ).join('&');
      requests.push(request(`/${text(PATH_CHARS, 8)}?${query}`, pick(HOSTS), pick(['http', 'https'])));
    }
    for (const req of requests) {
      const values = [String(Math.floor(next() * 100)), next() < 0.2 ? text(SET_CHARS, 4) : '1'];
      let expected: string[];
      try {
        expected = values.map((value) => byUrl(req, { page: value }));
      } catch {
        expect(() => requestLinks(req, 'page', values)).toThrow();
        continue;
      }
      expect({ req, values, links: requestLinks(req, 'page', values) }).toEqual({ req, values, links: expected });
    }
  });
});
