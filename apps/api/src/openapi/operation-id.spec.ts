import { operationIdFor } from './operation-id';

describe('operationIdFor', () => {
  it.each([
    ['TenantAuditController', 'list', 'listTenantAudit'],
    ['TenantAuditController', 'export', 'exportTenantAudit'],
    ['PlatformAuditController', 'verify', 'verifyPlatformAudit'],
    ['UsersController', 'list', 'listUsers'],
    ['UsersController', 'get', 'getUser'],
    ['UsersController', 'activeCount', 'activeCountUsers'],
    ['TenantsController', 'remove', 'removeTenant'],
    ['MembersController', 'add', 'addMember'],
    ['UsersNotifyController', 'notify', 'notifyUsers'],
    ['MetricsController', 'metrics', 'getMetrics'],
    ['AuthController', 'login', 'loginAuth'],
    ['HealthController', 'ready', 'readyHealth'],
    ['AddressController', 'get', 'getAddress'],
  ])('%s.%s is %s', (controller, method, id) => {
    expect(operationIdFor(controller, method)).toBe(id);
  });
});
