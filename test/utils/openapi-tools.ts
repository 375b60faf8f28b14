import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ts from 'typescript';

/** The repository root: tools run from here, so redocly.yaml applies. */
export const ROOT = join(__dirname, '..', '..');
/** The typed clients and their tsconfig; what tests generate goes to ./generated (git-ignored). */
export const CLIENT_DIR = join(ROOT, 'test', 'openapi-client');
export const GENERATED_DIR = join(CLIENT_DIR, 'generated');

/** Runs a dev tool's CLI as a user would, offline: no telemetry, no update check. */
export function runTool(script: string, args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'node_modules', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 30000,
  });
}

/** Redocly's lint of one document with the repository's rules (recommended): every problem and the totals. */
export function redoclyLint(file: string): { problems: string[]; totals: unknown } {
  const run = runTool('@redocly/cli/bin/cli.js', ['lint', file, '--format=json']);
  const report = JSON.parse(run.stdout || '{}');
  const problems = (report.problems ?? []).map(
    (p: any) => `${p.severity} ${p.ruleId} at ${p.location?.[0]?.pointer}: ${p.message}`,
  );
  return { problems, totals: report.totals };
}

/** openapi-typescript with its default settings, as a client's build would run it. */
export function generateTypes(documentFile: string, outputFile: string) {
  const run = runTool('openapi-typescript/bin/cli.js', [documentFile, '-o', outputFile]);
  return { status: run.status, errors: run.stderr.trim() };
}

/** What a client generator needs of every parameter and property: a type it can map (or a reference). */
export function untyped(document: any): string[] {
  const problems: string[] = [];
  const typed = (schema: any) =>
    !!schema && (schema.type || schema.$ref || schema.enum || schema.allOf || schema.oneOf || schema.anyOf);
  const parameters = (list: any[] | undefined, where: string) => {
    for (const param of list ?? []) {
      const resolved = param.$ref ? document.components.parameters[param.$ref.split('/').pop()] : param;
      if (!typed(resolved?.schema)) problems.push(`${where}: parameter ${resolved?.name ?? param.$ref} has no type`);
    }
  };
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (method === 'parameters') parameters(op, path);
      else parameters(op.parameters, `${method} ${path}`);
    }
  }
  for (const [name, schema] of Object.entries<any>(document.components.schemas ?? {})) {
    for (const [property, value] of Object.entries<any>(schema.properties ?? {})) {
      const itemsTyped = value.type !== 'array' || typed(value.items);
      if (!typed(value) || !itemsTyped) problems.push(`${name}.${property} has no type`);
    }
  }
  return problems;
}

/** Tags that operations use but the document does not declare with a description. */
export function undescribedTags(document: any): string[] {
  const declared = new Map<string, string>(document.tags.map((tag: any) => [tag.name, tag.description]));
  const used = Object.values<any>(document.paths).flatMap((item) =>
    Object.values<any>(item).flatMap((op) => op.tags ?? []),
  );
  return [...new Set(used)].filter((tag) => !declared.get(tag));
}

/** Operation ids that are not method-like (`listUsers`) or not unique, and responses without a description. */
export function operationProblems(document: any): string[] {
  const ids: string[] = [];
  const problems: string[] = [];
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (method === 'parameters') continue;
      ids.push(op.operationId);
      if (!/^[a-z][A-Za-z0-9]*$/.test(op.operationId)) problems.push(`${method} ${path}: id ${op.operationId}`);
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (!response.description?.trim()) problems.push(`${method} ${path}: ${status} has no description`);
      }
    }
  }
  return [...problems, ...ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `duplicate id ${id}`)];
}

/** Type-checks files with the clients' compiler options (test/openapi-client/tsconfig.json): every diagnostic. */
export function typeErrors(fileNames?: string[]): { fileNames: string[]; errors: string[] } {
  const configFile = ts.readConfigFile(join(CLIENT_DIR, 'tsconfig.json'), ts.sys.readFile);
  const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, CLIENT_DIR);
  const roots = fileNames ?? config.fileNames;
  const program = ts.createProgram(roots, config.options);
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.slice(ROOT.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  return { fileNames: roots, errors };
}
