/** Methods that act on one item, whose operation id names the item in the singular: `getUser`, `addMember`. */
const SINGLE_ITEM_METHODS = new Set(['get', 'create', 'add', 'replace', 'update', 'remove', 'delete']);

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const singular = (noun: string) => (/[^s]s$/.test(noun) ? noun.slice(0, -1) : noun);

/**
 * The OpenAPI operation id of a controller method, read like a method name by generated clients:
 * `TenantAuditController.list` -> `listTenantAudit`, `UsersController.get` -> `getUser`,
 * `UsersNotifyController.notify` -> `notifyUsers`, `MetricsController.metrics` -> `getMetrics`.
 * An explicit `@ApiOperation({ operationId })` still wins.
 */
export function operationIdFor(controllerKey: string, methodKey: string): string {
  let subject = controllerKey.replace(/Controller$/, '');
  const verb = upperFirst(methodKey);
  if (subject === verb) return `get${subject}`;
  if (subject.endsWith(verb)) subject = subject.slice(0, -verb.length);
  return `${methodKey}${SINGLE_ITEM_METHODS.has(methodKey) ? singular(subject) : subject}`;
}
