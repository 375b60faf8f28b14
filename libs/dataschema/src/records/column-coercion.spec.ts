import { SeededRandom } from '../../../../test/utils/seeded-random';
import { coercerFor, Invalid } from './column-coercion';

/** The rules as the regular expressions alone state them: the shortcut for the common shape must agree. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2})(?::?(\d{2}))?)$/i;
/** Through a Date, unlike the coercer's arithmetic (years from 100 on, where Date.UTC takes them as given). */
const realDate = (y: number, m: number, d: number) => {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
};

function referenceDate(text: string): boolean {
  const m = DATE.exec(text.trim());
  return m !== null && realDate(+m[1], +m[2], +m[3]);
}

function referenceTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text.trim());
  if (!m || !realDate(+m[1], +m[2], +m[3])) return false;
  if (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59)) return false;
  return !((m[8] !== undefined && +m[8] > 15) || (m[9] !== undefined && +m[9] > 59));
}

/** A text near the common shape: digits, separators and a zone, each sometimes out of range or replaced. */
function nearPlain(random: SeededRandom, template: string): string {
  let out = '';
  for (const c of template) {
    const roll = random.next();
    if (c === '9') out += roll < 0.02 ? 'x' : String(Math.floor(random.next() * 10));
    else if (roll < 0.01) out += ['-', ':', 'T', 't', ' ', 'Z', 'z', '1', '+'][Math.floor(random.next() * 9)];
    else out += c;
  }
  return out;
}

describe('date and timestamp coercion', () => {
  const date = coercerFor({ name: 'd', type: 'date' }, { strict: true });
  const timestamp = coercerFor({ name: 't', type: 'timestamp' }, { strict: true });

  it.each([
    ['2024-02-29T23:59:59Z', true],
    ['2024-02-29 23:59:59z', true],
    ['2024-02-29t00:00:00Z', true],
    ['  2024-05-01T12:00:00Z ', true],
    ['2023-02-29T00:00:00Z', false],
    ['2024-13-01T00:00:00Z', false],
    ['2024-00-10T00:00:00Z', false],
    ['0000-01-01T00:00:00Z', false],
    ['2024-01-01T24:00:00Z', false],
    ['2024-01-01T23:60:00Z', false],
    ['2024-01-01T23:00:60Z', false],
    ['2024-01-0xT00:00:00Z', false],
    ['2024-01-01X00:00:00Z', false],
    ['2024-01-01T00:00:00+', false],
  ])('takes the plain timestamp %j as the regular expression does (%s)', (text, ok) => {
    const value = timestamp(text);
    expect(value instanceof Invalid ? false : value).toEqual(ok ? text.trim() : false);
  });

  it('agrees with the regular expressions on texts near the common shapes', () => {
    const random = new SeededRandom(10);
    const disagreements: string[] = [];
    let accepted = 0;
    for (let i = 0; i < 20000; i++) {
      const t = nearPlain(random, '2999-19-29T29:59:59Z');
      if (!(timestamp(t) instanceof Invalid) !== referenceTimestamp(t)) disagreements.push(t);
      const d = nearPlain(random, '2999-19-29');
      if (!(date(d) instanceof Invalid) !== referenceDate(d)) disagreements.push(d);
      if (referenceTimestamp(t)) accepted++;
    }
    expect(disagreements).toEqual([]);
    // both outcomes occur often enough to mean something
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(19000);
  });
});
