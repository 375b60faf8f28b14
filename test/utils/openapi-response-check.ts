/**
 * Checks an answer's body against the response schema /docs-json gives for it, treating every
 * object schema as closed: a field the schema does not describe is a problem, as are a missing
 * required field, a null where the schema does not allow one, a wrong type and a value outside
 * an enum. (A client generated from the document would not know such a field, or mistype it.)
 */
export function responseProblems(document: any, schema: any, value: unknown, at = '$'): string[] {
  const resolved = resolve(document, schema);
  if (value === null) return resolved.nullable ? [] : [`${at}: null, not allowed`];
  if (resolved.allOf) return resolved.allOf.flatMap((part: any) => responseProblems(document, part, value, at));
  if (resolved.enum && !resolved.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not in the enum`];
  const type = resolved.type ?? (resolved.properties ? 'object' : undefined);
  if (!type) return [];
  if (!hasType(type, value)) return [`${at}: ${JSON.stringify(value)} is not ${type}`];
  if (type === 'array')
    return (value as unknown[]).flatMap((item, i) => responseProblems(document, resolved.items, item, `${at}[${i}]`));
  if (type !== 'object') return [];
  const object = value as Record<string, unknown>;
  const properties: Record<string, any> = resolved.properties ?? {};
  const problems = (resolved.required ?? [])
    .filter((name: string) => !(name in object))
    .map((name: string) => `${at}.${name}: required, missing`);
  for (const [name, field] of Object.entries(object)) {
    if (name in properties) problems.push(...responseProblems(document, properties[name], field, `${at}.${name}`));
    else if (!resolved.additionalProperties) problems.push(`${at}.${name}: not described by the schema`);
  }
  return problems;
}

/** The JSON schema of one operation's answer with that status. */
export function responseSchema(document: any, method: string, path: string, status: number): any {
  const schema = document.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method} ${path} ${status}: no application/json schema`);
  return schema;
}

function resolve(document: any, schema: any): any {
  if (!schema?.$ref) return schema ?? {};
  const target = resolve(document, document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  return schema.nullable ? { ...target, nullable: true } : target;
}

function hasType(type: string, value: unknown): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && !Array.isArray(value);
  return typeof value === type;
}
