import { waitAtMost } from './with-timeout';

describe('waitAtMost', () => {
  const later = <T>(ms: number, value: T, fail = false) =>
    new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(new Error('no')) : resolve(value)), ms));

  it('returns as soon as the promise settles, whether it resolves or rejects', async () => {
    const started = Date.now();
    await waitAtMost(later(10, 'done'), 5000);
    await waitAtMost(later(10, 'failed', true), 5000);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up after the limit and leaves the promise running', async () => {
    let settled = false;
    const slow = later(300, 'done').then(() => {
      settled = true;
    });
    const started = Date.now();
    await waitAtMost(slow, 30);
    expect(Date.now() - started).toBeLessThan(250);
    expect(settled).toBe(false);
    await slow;
    expect(settled).toBe(true);
  });
});
