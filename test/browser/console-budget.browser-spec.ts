import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../utils/openapi-tools';
import { CONSOLE_DIR_VARIABLE } from './console-build';

const budget = (dir: string) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'console-budget.mjs'), dir], { encoding: 'utf8' });

describe('npm run console:budget', () => {
  it("keeps the console's initial JavaScript under 250 KB gzipped, pages lazy", () => {
    const run = budget(process.env[CONSOLE_DIR_VARIABLE]!);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const initialKb = Number(/initial JS \(gzipped\): ([\d.]+) KB/.exec(run.stdout)?.[1]);
    expect(initialKb).toBeGreaterThan(0);
    expect(initialKb).toBeLessThan(250);
    for (const page of ['schema', 'data', 'imports', 'charts', 'audit']) {
      expect(run.stdout).toContain(`lazy src/pages/${page}/index.tsx`);
    }
  });

  it('fails a build whose initial JavaScript is over the budget, counting static imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-console-budget-'));
    try {
      mkdirSync(join(dir, '.vite'));
      mkdirSync(join(dir, 'assets'));
      // Random bytes do not compress: 140 KB + 140 KB gzipped is over 250 KB only when both count.
      writeFileSync(join(dir, 'assets', 'index.js'), randomBytes(140 * 1024));
      writeFileSync(join(dir, 'assets', 'vendor.js'), randomBytes(140 * 1024));
      const manifest = {
        'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_vendor.js'] },
        '_vendor.js': { file: 'assets/vendor.js' },
      };
      writeFileSync(join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
      const run = budget(dir);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Over budget');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
