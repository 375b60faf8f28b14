import { BoundedQueue, QueueFullError } from './bounded-queue';

/** A task that runs until `finish` is called. */
function gate() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let started = false;
  return {
    task: async () => {
      started = true;
      await done;
      return 'ok';
    },
    finish: () => finish(),
    get started() {
      return started;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BoundedQueue', () => {
  it('runs at most `concurrency` tasks at once and the rest in order as slots free up', async () => {
    const queue = new BoundedQueue(2, 10);
    const tasks = [gate(), gate(), gate(), gate()];
    const results = tasks.map((g) => queue.run(g.task));
    await tick();
    expect(tasks.map((g) => g.started)).toEqual([true, true, false, false]);
    expect(queue.stats).toEqual({ running: 2, waiting: 2 });
    tasks[1].finish();
    await tick();
    expect(tasks.map((g) => g.started)).toEqual([true, true, true, false]);
    tasks[0].finish();
    tasks[2].finish();
    await tick();
    expect(tasks[3].started).toBe(true);
    tasks[3].finish();
    await expect(Promise.all(results)).resolves.toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(queue.stats).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses at once when the slots and the waiting line are full', async () => {
    const queue = new BoundedQueue(1, 1);
    const first = gate();
    const second = gate();
    const running = queue.run(first.task);
    const waiting = queue.run(second.task);
    await expect(queue.run(async () => 'late')).rejects.toBeInstanceOf(QueueFullError);
    first.finish();
    second.finish();
    await Promise.all([running, waiting]);
    await expect(queue.run(async () => 'again')).resolves.toBe('again');
  });

  it('frees the slot when a task fails', async () => {
    const queue = new BoundedQueue(1, 0);
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 1)).resolves.toBe(1);
  });
});
