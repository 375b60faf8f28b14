import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'check-engines.mjs');

/** Runs the engine check on a project made of the given package.json, lockfile packages and README. */
function checkProject(enginesNode: string, packages: Record<string, unknown>, readme: string) {
  const dir = mkdtempSync(join(tmpdir(), 'strata-engines-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', engines: { node: enginesNode } }));
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
    writeFileSync(join(dir, 'README.md'), readme);
    return spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('engine check (npm test runs it first)', () => {
  const readme = 'Needs Node.js 20.19+ and PostgreSQL.';
  const supported = {
    '': { name: 'x' },
    'node_modules/a': { version: '1.0.0', engines: { node: '>=18' } },
    'node_modules/b': { version: '2.0.0', engines: { node: '>=22.12.0 || >=20.19.0 <21.0.0' } },
    'node_modules/c': { version: '3.0.0' },
  };

  it('passes when every locked package supports the oldest Node the project names', () => {
    expect(checkProject('>=20.19', supported, readme).status).toBe(0);
  });

  it('fails naming each locked package that needs a newer Node', () => {
    const run = checkProject(
      '>=20.19',
      {
        ...supported,
        'node_modules/@fastify/static/node_modules/content-disposition': {
          version: '3.0.0',
          engines: { node: '>=22' },
        },
      },
      readme,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('content-disposition@3.0.0 requires Node >=22, not 20.19.0');
  });

  it('fails when the README names another Node than package.json', () => {
    const run = checkProject('>=20.19', supported, 'Needs Node.js 22.12+.');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('README names Node.js 22.12+');
  });

  it('passes on this repository', () => {
    expect(spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' }).status).toBe(0);
  });
});
