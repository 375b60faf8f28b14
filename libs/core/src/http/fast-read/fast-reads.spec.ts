import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import Fastify, { FastifyInstance } from 'fastify';
import { AuthUser, TenantRole } from '../../auth/auth-user';
import { Public, TenantRoles } from '../../auth/auth.decorators';
import { unauthorized } from '../../errors/app.exception';
import { errorsLogger } from '../../errors/all-exceptions.filter';
import { CoreErrorCode } from '../../errors/error-code';
import { TenantAccessResolver } from '../../tenancy/tenant-access.resolver';
import { TenantContext } from '../../tenancy/tenant-context';
import { tenantOf } from '../../tenancy/tenant.decorator';
import { FastCreate, FastRead } from './fast-read.decorator';
import { fastReadUrls, FastReadServices, installFastReads, servedFast } from './fast-reads';

class ThingsController {
  @TenantRoles(TenantRole.Viewer)
  @FastRead((request) => [tenantOf(request), request.params.id])
  thing(tenant: TenantContext, id: string) {
    if (id === 'boom') throw new Error('secret detail');
    return { tenant: tenant.slug, id };
  }

  @Public()
  @FastRead(() => [])
  open() {
    return { open: true };
  }

  @TenantRoles(TenantRole.Viewer)
  @FastCreate((request) => [tenantOf(request), request.body])
  make(tenant: TenantContext, body: unknown) {
    return { tenant: tenant.slug, made: body };
  }
}

const member: AuthUser = { id: 'u1', email: 'u1@x.test', isSuperadmin: false };
const acme: TenantContext = { tenantId: 't1', slug: 'acme', schemaName: 'tenant_acme', role: TenantRole.Viewer };

/** Registers the controller's routes as Nest's Fastify adapter does: the handler's route config included. */
function register(fastify: FastifyInstance) {
  const route = (url: string, method: 'thing' | 'open' | 'make', verb: 'GET' | 'POST' = 'GET') =>
    fastify.route({
      method: verb,
      url,
      config: Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, ThingsController.prototype[method]) as object,
      handler: () => ({ servedBy: 'nest' }),
    });
  route('/tenants/:tenant/things/:id', 'thing');
  route('/open', 'open');
  route('/tenants/:tenant/things', 'make', 'POST');
  fastify.get('/other', () => ({ servedBy: 'nest' }));
  fastify.post('/other', () => ({ servedBy: 'nest' }));
}

describe('installFastReads', () => {
  let fastify: FastifyInstance;
  let authenticated: number;
  let fast: string[];

  beforeEach(async () => {
    authenticated = 0;
    const controller = new ThingsController();
    const services: FastReadServices = {
      controller: () => controller,
      authenticate: async (request) => {
        authenticated++;
        if (request.headers.authorization !== 'Bearer good') {
          throw unauthorized(CoreErrorCode.UNAUTHORIZED, 'A bearer access token is required');
        }
        request.user = member;
      },
      tenantAccess: (): TenantAccessResolver => ({
        resolve: async (slug) => (slug === 'acme' ? acme : null),
      }),
    };
    fastify = Fastify({ exposeHeadRoutes: true });
    fast = [];
    fastify.addHook('onRequest', (request, _reply, done) => {
      fast.push(`${request.method} ${request.url} ${servedFast(request)}`);
      done();
    });
    installFastReads(fastify, services);
    register(fastify);
    await fastify.ready();
  });

  afterEach(() => fastify.close());

  const get = (url: string, token = 'good') =>
    fastify.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('serves the marked routes with the controller method, and leaves the rest alone', async () => {
    expect(fastReadUrls(fastify)).toEqual([
      'GET /tenants/:tenant/things/:id',
      'GET /open',
      'POST /tenants/:tenant/things',
    ]);
    expect((await get('/tenants/acme/things/7')).json()).toEqual({ tenant: 'acme', id: '7' });
    expect((await get('/other')).json()).toEqual({ servedBy: 'nest' });
    const head = await fastify.inject({ method: 'HEAD', url: '/open' });
    expect(head.statusCode).toBe(200);
  });

  it('serves a marked POST with 201, after the same checks', async () => {
    const post = (url: string, token = 'good') =>
      fastify.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: { n: 1 } });
    const made = await post('/tenants/acme/things');
    expect(made.statusCode).toBe(201);
    expect(made.json()).toEqual({ tenant: 'acme', made: { n: 1 } });
    expect((await post('/tenants/acme/things', 'bad')).statusCode).toBe(401);
    expect((await post('/tenants/other/things')).statusCode).toBe(404);
    expect((await post('/other')).json()).toEqual({ servedBy: 'nest' });
  });

  it('tells the request hooks which requests it serves (the GETs of marked routes, not their HEAD or a POST)', async () => {
    await get('/tenants/acme/things/7');
    await fastify.inject({
      method: 'POST',
      url: '/tenants/acme/things',
      headers: { authorization: 'Bearer good' },
      payload: { n: 1 },
    });
    await get('/other');
    await fastify.inject({ method: 'HEAD', url: '/open' });
    await get('/open');
    await get('/missing');
    expect(fast).toEqual([
      'GET /tenants/acme/things/7 true',
      'POST /tenants/acme/things false',
      'GET /other false',
      'HEAD /open false',
      'GET /open true',
      'GET /missing false',
    ]);
  });

  it('authenticates, then enforces the policy: unknown tenant 404 in the contract shape', async () => {
    const refused = await get('/tenants/acme/things/7', 'bad');
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'UNAUTHORIZED', message: 'A bearer access token is required' });
    const unknown = await get('/tenants/other/things/7');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'TENANT_NOT_FOUND', message: 'Tenant other not found' });
    expect(unknown.headers['x-request-id']).toBe(unknown.json().requestId);
  });

  it('skips authentication on a public route', async () => {
    expect((await get('/open', 'bad')).json()).toEqual({ open: true });
    expect(authenticated).toBe(0);
  });

  it('answers an unknown error with a generic 500, and an empty path parameter with 404', async () => {
    const logged = jest.spyOn(errorsLogger, 'error').mockImplementation(() => undefined);
    const failed = await get('/tenants/acme/things/boom');
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: failed.json().requestId }),
      'Unhandled error',
    );
    logged.mockRestore();
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toMatchObject({ code: 'INTERNAL_ERROR', message: 'Internal server error' });
    expect(failed.body).not.toContain('secret detail');
    expect((await get('/tenants//things/7')).statusCode).toBe(404);
  });
});
