import type { FastifyRequest } from 'fastify';

export type LinkRequest = Pick<FastifyRequest, 'url' | 'protocol' | 'headers'>;

/** Query text whose form decoding changes nothing: printable ASCII without `%`, `+` and `#`. */
const PLAIN_QUERY = /^[!"$&-*,-~]*$/;
/** A path WHATWG URL leaves as it is: no percent-escapes, no characters it would encode. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@]*)+$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;
/** A lower-case host name (its last label not a number) or a dotted quad, with a port without leading zeros. */
const PLAIN_HOST =
  /^(?:(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*|(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))(?::([1-9]\d{0,4}))?$/;
const DEFAULT_PORT: Readonly<Record<string, string>> = { http: '80', https: '443' };
/** What application/x-www-form-urlencoded leaves unescaped. */
const FORM_SAFE = /^[A-Za-z0-9*\-._]*$/;

function formEncode(text: string): string {
  if (FORM_SAFE.test(text)) return text;
  let out = '';
  for (const char of text) {
    out += FORM_SAFE.test(char) ? char : `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The general case: WHATWG URL and URLSearchParams, which the fast path must match byte for byte. */
function linkByUrl(request: LinkRequest, set: Readonly<Record<string, string>>, remove: readonly string[]): string {
  const url = new URL(request.url, `${request.protocol}://${request.headers.host ?? 'localhost'}`);
  for (const name of remove) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(set)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * The request's own URL with the query parameters of `set` set and those of `remove` removed, as
 * `new URL(request.url, origin)` with `searchParams.delete`/`set` writes it. Plain URLs (every
 * list request a client builds from our links) skip URL's parsing and re-encoding: a page's two
 * links cost about as much as one `new URL` did. Anything else goes through URL itself.
 */
export function requestLink(
  request: LinkRequest,
  set: Readonly<Record<string, string>>,
  remove: readonly string[] = [],
): string {
  const host = request.headers.host ?? 'localhost';
  const protocol = request.protocol;
  const target = request.url;
  const mark = target.indexOf('?');
  const path = mark < 0 ? target : target.slice(0, mark);
  const query = mark < 0 ? '' : target.slice(mark + 1);
  const hostMatch = PLAIN_HOST.exec(host);
  const plain =
    hostMatch !== null &&
    // URL re-encodes the query only when its parameters are touched.
    Object.keys(set).length > 0 &&
    DEFAULT_PORT[protocol] !== undefined &&
    (hostMatch[1] === undefined || (Number(hostMatch[1]) <= 65535 && hostMatch[1] !== DEFAULT_PORT[protocol])) &&
    !path.startsWith('//') &&
    PLAIN_PATH.test(path) &&
    !DOT_SEGMENT.test(path) &&
    PLAIN_QUERY.test(query) &&
    Object.entries(set).every(([name, value]) => PLAIN_QUERY.test(name) && PLAIN_QUERY.test(value));
  if (!plain) return linkByUrl(request, set, remove);

  let pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    pairs.push(equals < 0 ? [part, ''] : [part.slice(0, equals), part.slice(equals + 1)]);
  }
  if (remove.length > 0) pairs = pairs.filter(([name]) => !remove.includes(name));
  for (const [name, value] of Object.entries(set)) {
    const first = pairs.findIndex(([existing]) => existing === name);
    if (first < 0) pairs.push([name, value]);
    else {
      pairs[first] = [name, value];
      pairs = pairs.filter(([existing], i) => i <= first || existing !== name);
    }
  }
  const search = pairs.map(([name, value]) => `${formEncode(name)}=${formEncode(value)}`).join('&');
  return `${protocol}://${host}${path}${search === '' ? '' : `?${search}`}`;
}
