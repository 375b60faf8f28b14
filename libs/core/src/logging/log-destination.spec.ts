import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('writes a full batch without waiting for the interval', async () => {
    const file = join(dir, 'full.log');
    const stream = bufferedOutput(file);
    await ready(stream);
    const logger = pino(stream);
    const filler = 'x'.repeat(1000);
    for (let i = 0; i < 70; i++) logger.info({ filler }, `line ${i}`);
    for (let waited = 0; lines(file).length === 0 && waited < 50; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // 64 KiB make about 64 such lines; the rest waits for the interval or a flush.
    expect(lines(file).length).toBeGreaterThanOrEqual(60);
    expect(lines(file).length).toBeLessThan(70);
    await flushLogDestinations();
    expect(lines(file)).toHaveLength(70);
  });

  it('loses no held line when the process exits, on its own or by process.exit', () => {
    const script = join(dir, 'exits.ts');
    writeFileSync(
      script,
      [
        `import pino from ${JSON.stringify(require.resolve('pino'))};`,
        `import { bufferedOutput } from ${JSON.stringify(join(__dirname, 'log-destination'))};`,
        `const stream = bufferedOutput(process.argv[2]);`,
        `stream.once('ready', () => {`,
        `  const logger = pino(stream);`,
        `  for (let i = 0; i < 100; i++) logger.info('line ' + i);`,
        `  if (process.argv[3] === 'exit') process.exit(0);`,
        `});`,
      ].join('\n'),
    );
    for (const how of ['exit', 'drained']) {
      const file = join(dir, `${how}.log`);
      execFileSync(process.execPath, ['-r', '@swc-node/register', script, file, how], { cwd: process.cwd() });
      expect(lines(file).map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(
        Array.from({ length: 100 }, (_, i) => `line ${i}`),
      );
    }
  }, 120_000);
});
