/** A key's count in its current window, and when that window ends. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

/** Fixed-window counters: a window starts with a key's first hit and lasts `windowMs`. */
export interface CounterStore {
  /** Adds one to the key's count in its current window and returns the new count. */
  hit(key: string, windowMs: number): Promise<WindowCount>;
  /** The key's count in its current window, unchanged (0 when it has none). */
  peek(key: string): Promise<WindowCount>;
}
