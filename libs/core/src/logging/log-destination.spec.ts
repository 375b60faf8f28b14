import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { bufferedOutput, flushLogDestinations } from './log-destination';

describe('the buffered log output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ready = (stream: ReturnType<typeof bufferedOutput>) =>
    new Promise<void>((resolve) => stream.once('ready', () => resolve()));
  const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

  it('holds short lines in memory, and writes them all when flushed for a stop', async () => {
    const file = join(dir, 'held.log');
    const stream = bufferedOutput(file);
    await ready(stream);
    const logger = pino(stream);
    logger.info('one');
    logger.info('two');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines(file)).toEqual([]);
    await flushLogDestinations();
    expect(lines(file).map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['one', 'two']);
  });

  it('writes on its own within a fraction of a second when the API is quiet', async () => {
    const file = join(dir, 'quiet.log');
    const stream = bufferedOutput(file);
    await ready(stream);
    pino(stream).info('alone');
    for (let waited = 0; lines(file).length === 0 && waited < 1000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(lines(file)).toHaveLength(1);
    await flushLogDestinations();
  });
});
