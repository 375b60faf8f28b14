import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../utils/openapi-tools';

/** Where the run's console build is (set by the browser global setup). */
export const CONSOLE_DIR_VARIABLE = 'STRATA_TEST_CONSOLE_DIR';

/** Builds the console from source into a fresh directory, as `npm run build` would, so tests see the current code. */
export function buildConsole(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'strata-console-build-'));
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'apps/console/vite.config.mts', '--outDir', outDir, '--logLevel', 'warn'],
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8', timeout: 180000 },
  );
  if (run.status !== 0 || !existsSync(join(outDir, 'index.html'))) {
    throw new Error(`the console build failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return outDir;
}
