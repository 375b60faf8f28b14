import type { ColumnDefinition, SchemaDefinition, TableDefinition } from '@app/dataschema';

/**
 * The source of a typed client check for one tenant, written from its definition by the records
 * contract of API.md (not by the document generator): per table, the TypeScript types a client must
 * see for every column of a record and of a create body, calls of every record route with
 * correctly typed bodies and parameters, and wrong calls under `@ts-expect-error` (a value of
 * another type for each column, a system column in a body, a missing required column, an unknown
 * column). It compiles only when the generated types agree with the contract.
 */

const SYSTEM_READ = {
  id: 'string',
  created_at: 'string',
  updated_at: 'string',
  created_by: 'string | null',
  updated_by: 'string | null',
};
const UUID = '00000000-0000-4000-8000-000000000000';

/** The TypeScript type of a column's non-null values: bigints and decimals are strings, dates and times ISO strings. */
function valueType(column: ColumnDefinition): string {
  switch (column.type) {
    case 'integer':
    case 'float':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'enum':
      return (column.values ?? []).map((v) => JSON.stringify(v)).join(' | ');
    case 'json':
      return 'unknown';
    default:
      return 'string';
  }
}

const recordType = (column: ColumnDefinition) => `${valueType(column)}${column.required ? '' : ' | null'}`;

/** A value a client would send for a column. */
function sample(column: ColumnDefinition): string {
  const byType: Record<ColumnDefinition['type'], unknown> = {
    string: 'a',
    text: 'some text',
    integer: 7,
    bigint: '9007199254740993',
    decimal: '12.50',
    float: 1.5,
    boolean: true,
    date: '2024-05-01',
    timestamp: '2024-05-01T12:00:00Z',
    uuid: UUID,
    json: { nested: [1, 'two'] },
    email: 'ada@example.com',
    url: 'https://example.com',
    enum: column.values?.[0],
    reference: UUID,
  };
  return JSON.stringify(byType[column.type]);
}

/** A value of another type than the column takes, and why it is wrong; none for json, which takes any. */
function wrongValue(column: ColumnDefinition): [string, string] | undefined {
  switch (column.type) {
    case 'json':
      return undefined;
    case 'integer':
    case 'float':
      return ['"12"', 'a number, not a string'];
    case 'boolean':
      return ['"yes"', 'a boolean'];
    case 'bigint':
    case 'decimal':
      return ['12', 'a string, so no digit is lost'];
    case 'enum':
      return ['"__none_of_the_values__"', `one of ${column.values?.join(', ')}`];
    default:
      return ['42', 'a string'];
  }
}

const ident = (name: string) => name.replace(/[^A-Za-z0-9]/g, '_');
const key = (name: string) => JSON.stringify(name);

function tableCheck(slug: string, table: TableDefinition): string {
  const t = ident(table.name);
  const records = `/api/tenants/${slug}/tables/${table.name}/records`;
  const one = `${records}/{id}`;
  const path = `{ path: { id: ${key(UUID)} } }`;
  const columns = table.columns;
  const requiredOnCreate = columns.filter((c) => c.required && c.default == null);
  const body = `{ ${requiredOnCreate.map((c) => `${key(c.name)}: ${sample(c)}`).join(', ')} }`;
  const full = `{ ${columns.map((c) => `${key(c.name)}: ${sample(c)}`).join(', ')} }`;
  const union = (names: string[]) => (names.length === 0 ? 'never' : names.map(key).join(' | '));
  const typed = columns.filter((c) => c.type !== 'json');
  const firstTyped = typed[0];
  const filterColumn = columns.find((c) => c.type !== 'json' && c.type !== 'boolean');
  const lines = [
    `type R_${t} = components['schemas'][${key(table.name)}];`,
    `type I_${t} = components['schemas'][${key(`${table.name}-input`)}];`,
    `type P_${t} = components['schemas'][${key(`${table.name}-patch`)}];`,
    `export function ${t}Types() {`,
    `  isTrue<Equals<keyof R_${t}, ${union([...Object.keys(SYSTEM_READ), ...columns.map((c) => c.name)])}>>();`,
    ...Object.entries(SYSTEM_READ).map(([name, type]) => `  isTrue<Equals<R_${t}[${key(name)}], ${type}>>();`),
    ...typed.map((c) => `  isTrue<Equals<R_${t}[${key(c.name)}], ${recordType(c)}>>();`),
    `  isTrue<Equals<keyof I_${t}, ${union(columns.map((c) => c.name))}>>();`,
    `  isTrue<Equals<RequiredKeys<I_${t}>, ${union(requiredOnCreate.map((c) => c.name))}>>();`,
    `  isTrue<Equals<RequiredKeys<P_${t}>, never>>();`,
    ...typed.map((c) => `  isTrue<Equals<Exclude<I_${t}[${key(c.name)}], undefined>, ${recordType(c)}>>();`),
    `}`,
    ``,
    `export async function ${t}Calls(client: Client<paths>) {`,
    `  const page = await client.GET(${key(records)}, {`,
    `    params: { query: { page: 1, pageSize: 50, count: 'estimated', sort: '-created_at', fields: 'id', search: 'a', expand: '' } },`,
    `  });`,
    `  const count: number | null | undefined = page.data?.count;`,
    `  const next: string | null | undefined = page.data?.next;`,
    `  await client.GET(${key(records)}, { params: { query: { cursor: '', count: 'none' } } });`,
    ...(filterColumn
      ? [
          `  await client.GET(${key(records)}, { params: { query: { ${key(`filter[${filterColumn.name}][in]`)}: 'a,b', ${key(`filter[${filterColumn.name}][isNull]`)}: false } } });`,
        ]
      : []),
    `  const created = await client.POST(${key(records)}, { body: ${body} });`,
    `  const createdId: string | undefined = Array.isArray(created.data) ? created.data[0]?.id : created.data?.id;`,
    `  await client.POST(${key(records)}, { body: [${body}, ${full}] });`,
    `  const got = await client.GET(${key(one)}, { params: ${path} });`,
    ...(firstTyped
      ? [`  const value: ${recordType(firstTyped)} | undefined = got.data?.[${key(firstTyped.name)}];`]
      : []),
    `  await client.PUT(${key(one)}, { params: ${path}, body: ${full} });`,
    `  await client.PATCH(${key(one)}, { params: ${path}, body: {} });`,
    `  await client.DELETE(${key(one)}, { params: ${path} });`,
    `  const history = await client.GET(${key(`${one}/history`)}, { params: { ...${path}, query: { page: 1 } } });`,
    `  const revision = history.data?.results[0];`,
    `  const operation: 'create' | 'update' | 'delete' | 'restore' | undefined = revision?.operation;`,
    `  const before: R_${t} | null | undefined = revision?.before;`,
    `  const restored = await client.POST(${key(`${one}/restore`)}, { params: ${path}, body: { revision: 1 } });`,
    `  const dropped: string[] | undefined = restored.data?.droppedColumns;`,
    `  const aggregate = await client.GET(${key(`/api/tenants/${slug}/tables/${table.name}/aggregate`)}, {`,
    `    params: { query: { groupBy: 'id', metrics: 'count' } },`,
    `  });`,
    `  const groups: Record<string, unknown>[] | undefined = aggregate.data?.results;`,
    `  const error: string | undefined = aggregate.error?.code;`,
    `  return { count, next, createdId, ${firstTyped ? 'value, ' : ''}operation, before, dropped, groups, error };`,
    `}`,
    ``,
    `export function ${t}WrongCalls(client: Client<paths>) {`,
    ...typed.flatMap((c) => {
      const [value, why] = wrongValue(c)!;
      return [
        `  // @ts-expect-error ${c.name} is ${why}`,
        `  void client.PATCH(${key(one)}, { params: ${path}, body: { ${key(c.name)}: ${value} } });`,
      ];
    }),
    ...(requiredOnCreate.length > 0
      ? [
          `  // @ts-expect-error ${requiredOnCreate[0].name} is required on create`,
          `  void client.POST(${key(records)}, { body: {} });`,
        ]
      : []),
    `  // @ts-expect-error pageSize is a number`,
    `  void client.GET(${key(records)}, { params: { query: { pageSize: '20' } } });`,
    `  // @ts-expect-error count is exact, estimated or none`,
    `  void client.GET(${key(records)}, { params: { query: { count: 'all' } } });`,
    `  // @ts-expect-error a revision is a number`,
    `  void client.POST(${key(`${one}/restore`)}, { params: ${path}, body: { revision: 'first' } });`,
    `}`,
  ];
  return lines.join('\n');
}

/** The whole check file of one tenant; `apiModule` is the openapi-typescript output, relative. */
export function tenantClientCheck(slug: string, definition: SchemaDefinition, apiModule: string): string {
  return [
    `// Written by test/utils/tenant-client-check.ts from the tenant's definition; compiled, never run.`,
    `import type { Client } from 'openapi-fetch';`,
    `import type { components, paths } from ${key(apiModule)};`,
    ``,
    `type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;`,
    `type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];`,
    `function isTrue<T extends true>(): T | undefined { return undefined; }`,
    ``,
    ...definition.tables.map((table) => tableCheck(slug, table)),
    ``,
  ].join('\n');
}
