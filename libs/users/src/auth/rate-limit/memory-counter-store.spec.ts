import { MemoryCounterStore } from './memory-counter-store';

describe('MemoryCounterStore', () => {
  let now = 1_000;
  const clock = () => now;

  it('counts hits in a window that starts with the first hit, and starts over after it', async () => {
    const store = new MemoryCounterStore(10, clock);
    expect(await store.hit('a', 1000)).toEqual({ count: 1, resetInMs: 1000 });
    now += 400;
    expect(await store.hit('a', 1000)).toEqual({ count: 2, resetInMs: 600 });
    expect(await store.peek('a')).toEqual({ count: 2, resetInMs: 600 });
    now += 600;
    expect(await store.peek('a')).toEqual({ count: 0, resetInMs: 0 });
    expect(await store.hit('a', 1000)).toEqual({ count: 1, resetInMs: 1000 });
  });

  it('keeps keys apart and peeking never counts', async () => {
    const store = new MemoryCounterStore(10, clock);
    await store.peek('x');
    await store.hit('y', 1000);
    expect(await store.peek('x')).toEqual({ count: 0, resetInMs: 0 });
    expect((await store.peek('y')).count).toBe(1);
  });

  it('holds at most maxKeys windows, dropping expired ones first, then the oldest', async () => {
    const store = new MemoryCounterStore(3, clock);
    await store.hit('short', 10);
    await store.hit('old', 10_000);
    await store.hit('mid', 10_000);
    now += 20;
    await store.hit('new', 10_000);
    expect(store.size).toBe(3);
    expect((await store.peek('old')).count).toBe(1);
    await store.hit('newer', 10_000);
    expect(store.size).toBe(3);
    expect((await store.peek('old')).count).toBe(0);
    expect((await store.peek('newer')).count).toBe(1);
  });
});
