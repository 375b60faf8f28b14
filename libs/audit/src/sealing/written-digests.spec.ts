import { WrittenDigests } from './written-digests';

describe('WrittenDigests', () => {
  it('knows a row it wrote only with the digest it wrote, and only once', () => {
    const written = new WrittenDigests();
    written.remember('a', 'd1');
    expect(written.take('a', 'changed')).toBe(false);
    written.remember('a', 'd1');
    expect(written.take('a', 'd1')).toBe(true);
    expect(written.take('a', 'd1')).toBe(false);
    expect(written.take('never-written', 'd1')).toBe(false);
  });

  it('forgets the oldest beyond its bound', () => {
    const written = new WrittenDigests();
    for (let i = 0; i <= 100_000; i++) written.remember(String(i), `d${i}`);
    expect(written.take('0', 'd0')).toBe(false);
    expect(written.take('1', 'd1')).toBe(true);
    expect(written.take('100000', 'd100000')).toBe(true);
  });
});
