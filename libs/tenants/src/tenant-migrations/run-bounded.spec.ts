import { runBounded } from './run-bounded';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('runBounded', () => {
  it('never runs more than the limit at once, and runs every item once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await runBounded(
      Array.from({ length: 25 }, (_, i) => i),
      4,
      async (i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await tick();
        seen.push(i);
        inFlight--;
      },
    );
    expect(peak).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('copes with fewer items than the limit, and with none', async () => {
    const seen: string[] = [];
    await runBounded(['a', 'b'], 10, async (s) => {
      seen.push(s);
    });
    expect(seen.sort()).toEqual(['a', 'b']);
    await expect(runBounded([], 3, async () => undefined)).resolves.toBeUndefined();
  });

  it('refuses a limit below 1', async () => {
    await expect(runBounded([1], 0, async () => undefined)).rejects.toThrow(/positive integer/);
  });
});
