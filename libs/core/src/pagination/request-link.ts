import type { FastifyRequest } from 'fastify';

export type LinkRequest = Pick<FastifyRequest, 'url' | 'protocol' | 'headers'>;

/** Query text of printable ASCII without `#`: escapes of ASCII bytes are decoded here, anything else goes to URL. */
const PLAIN_QUERY = /^[!"$-~]*$/;
/** Names and values to set: any ASCII (nothing above U+007F), encoded as given. */
const NOT_ASCII = /[\u0080-\uffff]/;
const isAscii = (text: string) => !NOT_ASCII.test(text);
/** A path WHATWG URL leaves as it is: no percent-escapes, no characters it would encode. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@]*)+$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;
/** A lower-case host name (its last label not a number) or a dotted quad, with a port without leading zeros. */
const PLAIN_HOST =
  /^(?:(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*|(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))(?::([1-9]\d{0,4}))?$/;
const DEFAULT_PORT: Readonly<Record<string, string>> = { http: '80', https: '443' };
/** What application/x-www-form-urlencoded leaves as it is. */
const FORM_SAFE = /^[A-Za-z0-9*\-._]*$/;

/** Origins (`protocol://host`) URL would write as they are; a server sees few, so the answers are kept. */
const plainOrigins = new Map<string, boolean>();

function isPlainOrigin(protocol: string, host: string): boolean {
  const origin = `${protocol}://${host}`;
  let plain = plainOrigins.get(origin);
  if (plain === undefined) {
    const port = PLAIN_HOST.exec(host)?.[1];
    plain =
      DEFAULT_PORT[protocol] !== undefined &&
      PLAIN_HOST.test(host) &&
      // URL drops a scheme's default port and refuses one above 65535.
      (port === undefined || (Number(port) <= 65535 && port !== DEFAULT_PORT[protocol]));
    if (plainOrigins.size >= 64) plainOrigins.clear();
    plainOrigins.set(origin, plain);
  }
  return plain;
}

/** Each ASCII character as application/x-www-form-urlencoded (URLSearchParams) writes it. */
const FORM_ENCODED: readonly string[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  if (char === ' ') return '+';
  return /[A-Za-z0-9*\-._]/.test(char) ? char : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
});

const hexDigit = (code: number): number => {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
};

/** ASCII text as URLSearchParams writes a name or value it was given. */
function formEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += FORM_ENCODED[text.charCodeAt(i)];
  return out;
}

/**
 * A name or value of a printable-ASCII query as URLSearchParams writes it back after parsing it
 * (`+` and escapes decoded, then encoded again), in one pass; undefined when an escape decodes to a
 * byte above 0x7F (UTF-8, left to URL).
 */
function formReencode(raw: string): string | undefined {
  if (FORM_SAFE.test(raw)) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x25) {
      const high = hexDigit(raw.charCodeAt(i + 1));
      const low = high < 0 ? -1 : hexDigit(raw.charCodeAt(i + 2));
      if (low >= 0) {
        const byte = high * 16 + low;
        if (byte > 0x7f) return undefined;
        out += FORM_ENCODED[byte];
        i += 2;
        continue;
      }
    }
    out += code === 0x2b ? '+' : FORM_ENCODED[code];
  }
  return out;
}

/**
 * The query after `remove` and `set` (names and values form-encoded), as URLSearchParams writes it:
 * a name set replaces its first pair and drops the others, or is appended. Undefined when a pair
 * is not ASCII.
 */
function rewriteQuery(
  query: string,
  set: ReadonlyArray<[string, string]>,
  remove: readonly string[],
): string | undefined {
  const written = new Array<boolean>(set.length).fill(false);
  let out = '';
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    if (end > start) {
      const equals = query.indexOf('=', start);
      const nameEnd = equals < 0 || equals > end ? end : equals;
      const name = formReencode(query.slice(start, nameEnd));
      if (name === undefined) return undefined;
      const removed = remove.includes(name);
      // A name both removed and set goes to the end, as delete then set puts it.
      const setAt = removed ? -1 : set.findIndex(([setName]) => setName === name);
      let pair: string | undefined;
      if (setAt >= 0) {
        if (!written[setAt]) pair = `${name}=${set[setAt][1]}`;
        written[setAt] = true;
      } else if (!removed) {
        const value = nameEnd === end ? '' : formReencode(query.slice(nameEnd + 1, end));
        if (value === undefined) return undefined;
        pair = `${name}=${value}`;
      }
      if (pair !== undefined) out = out === '' ? pair : `${out}&${pair}`;
    }
    start = end + 1;
  }
  set.forEach(([name, value], i) => {
    if (!written[i]) out = out === '' ? `${name}=${value}` : `${out}&${name}=${value}`;
  });
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
 * The origin and path of a plain request URL (see `requestLink`) and its query, when `written` (the
 * names and values to set or remove) is ASCII; undefined for anything else.
 */
function plainTarget(request: LinkRequest, written: readonly string[]): { base: string; query: string } | undefined {
  const host = request.headers.host ?? 'localhost';
  const protocol = request.protocol;
  const target = request.url;
  const mark = target.indexOf('?');
  const path = mark < 0 ? target : target.slice(0, mark);
  const query = mark < 0 ? '' : target.slice(mark + 1);
  const plain =
    isPlainOrigin(protocol, host) &&
    !path.startsWith('//') &&
    PLAIN_PATH.test(path) &&
    !DOT_SEGMENT.test(path) &&
    PLAIN_QUERY.test(query) &&
    written.every(isAscii);
  return plain ? { base: `${protocol}://${host}${path}`, query } : undefined;
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
  const names = Object.keys(set);
  // URL re-encodes the query only when its parameters are touched.
  const target = names.length > 0 ? plainTarget(request, [...names, ...Object.values(set), ...remove]) : undefined;
  const search = target
    ? rewriteQuery(
        target.query,
        names.map((name) => [formEncode(name), formEncode(set[name])]),
        remove.map(formEncode),
      )
    : undefined;
  if (target === undefined || search === undefined) return linkByUrl(request, set, remove);
  return `${target.base}${search === '' ? '' : `?${search}`}`;
}

/** Stands for the value in a rewritten query: form encoding never writes a NUL. */
const VALUE_MARK = '\u0000';

/**
 * `requestLink(request, { [name]: value })` for each of `values` (a page's next and previous
 * links): a plain query is rewritten once, each value then put in its place.
 */
export function requestLinks(request: LinkRequest, name: string, values: readonly string[]): string[] {
  const target = plainTarget(request, [name, ...values]);
  const search = target ? rewriteQuery(target.query, [[formEncode(name), VALUE_MARK]], []) : undefined;
  if (target === undefined || search === undefined)
    return values.map((value) => linkByUrl(request, { [name]: value }, []));
  const at = search.indexOf(VALUE_MARK);
  const head = `${target.base}?${search.slice(0, at)}`;
  const tail = search.slice(at + VALUE_MARK.length);
  return values.map((value) => `${head}${formEncode(value)}${tail}`);
}
