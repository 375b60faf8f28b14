// Fails when a package in package-lock.json does not support the oldest Node.js the project promises
// (package.json `engines.node`, which the README's quick start must name), so a dependency update that
// would make `npm ci` warn (or break) on that Node fails CI instead.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import semver from 'semver';

// The project to check: the repository, or the directory given as the first argument (for tests).
const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..'));
const readJson = async (file) => JSON.parse(await readFile(join(root, file), 'utf8'));

export function engineProblems(projectRange, readme, lockPackages) {
  const minimum = semver.minVersion(projectRange);
  if (!minimum) return [`package.json engines.node "${projectRange}" has no minimum version`];
  const problems = [];
  const named = /Node\.js (\d+\.\d+)\+/.exec(readme)?.[1];
  const expected = `${minimum.major}.${minimum.minor}`;
  if (named !== expected) {
    problems.push(`README names Node.js ${named ?? '(none)'}+ but package.json engines.node is "${projectRange}"`);
  }
  for (const [path, entry] of Object.entries(lockPackages)) {
    const range = typeof entry.engines === 'object' ? entry.engines?.node : undefined;
    if (!path || !range) continue;
    if (!semver.satisfies(minimum, range)) {
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      problems.push(`${name}@${entry.version} requires Node ${range}, not ${minimum.version}`);
    }
  }
  return problems;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const pkg = await readJson('package.json');
  const lock = await readJson('package-lock.json');
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const problems = engineProblems(pkg.engines?.node ?? '', readme, lock.packages ?? {});
  if (problems.length) {
    console.error(`Engine check failed (Node ${pkg.engines?.node}):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`Engine check: every locked package supports Node ${pkg.engines.node}`);
}
