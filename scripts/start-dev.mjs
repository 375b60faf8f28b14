// `npm run start:dev`: the API restarted on every change (node --watch) and the console rebuilt on
// every change (vite build --watch into dist/console, which the API serves at /console). Reload the
// browser to see a console change. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const children = [
  spawn(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--watch', '--config', 'apps/console/vite.config.mts'],
    { cwd: root, stdio: 'inherit' },
  ),
  spawn(process.execPath, ['--watch', '-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: root,
    stdio: 'inherit',
  }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 1));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
