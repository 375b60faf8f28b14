// Compiles apps/ and libs/ to dist/ with SWC, rewriting the @app/* path aliases to relative imports,
// then builds the web console (apps/console, Vite) into dist/console.
import { transformFile } from '@swc/core';
import { build as viteBuild } from 'vite';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const tsconfig = JSON.parse(await readFile(join(root, 'tsconfig.json'), 'utf8'));
const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts')) yield path;
  }
}

await rm(join(root, 'dist'), { recursive: true, force: true });
let count = 0;
for (const top of ['apps', 'libs']) {
  for await (const file of sources(join(root, top))) {
    if (file.startsWith(join(root, 'apps', 'console') + '/')) continue; // a browser app: Vite builds it
    const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
    const result = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      filename: file,
      sourceMaps: true,
      jsc: {
        ...swcrc.jsc,
        baseUrl: root,
        paths: tsconfig.compilerOptions.paths,
      },
    });
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${result.code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
    if (result.map) await writeFile(`${out}.map`, result.map);
    count += 1;
  }
}
console.log(`built ${count} files into dist/`);
// An inherited NODE_ENV (test, development) would make Vite bundle React's development build.
process.env.NODE_ENV = 'production';
await viteBuild({ configFile: join(root, 'apps', 'console', 'vite.config.mts'), logLevel: 'warn' });
console.log('built the console into dist/console/');
