import { CounterStore, WindowCount } from './counter-store';

interface Window {
  count: number;
  resetsAt: number;
}

/**
 * Counters in this process only: the fallback while the shared ones are unreachable. Holds at most
 * `maxKeys` windows; beyond that expired ones go first, then the oldest.
 */
export class MemoryCounterStore implements CounterStore {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.now();
    let window = this.live(key, now);
    if (!window) {
      this.makeRoom(now);
      window = { count: 0, resetsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return Promise.resolve({ count: window.count, resetInMs: window.resetsAt - now });
  }

  peek(key: string): Promise<WindowCount> {
    const now = this.now();
    const window = this.live(key, now);
    return Promise.resolve(
      window ? { count: window.count, resetInMs: window.resetsAt - now } : { count: 0, resetInMs: 0 },
    );
  }

  get size(): number {
    return this.windows.size;
  }

  private live(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && window.resetsAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxKeys) return;
    for (const [key, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
