import { Controller, Delete, Get, Module, Post, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Authenticated, Public, SuperadminOnly, TenantRoles } from './auth.decorators';
import { TenantRole } from './auth-user';
import { AccessPolicyModule, RouteAccessPolicies } from './route-access-policies';

@Controller('things')
class DeclaredController {
  @Get()
  @Public()
  list() {}

  @Post()
  @Authenticated()
  create() {}
}

@Controller('tenants/:tenant/things')
@TenantRoles(TenantRole.Admin)
class TenantThingsController {
  @Get()
  @TenantRoles(TenantRole.Admin, TenantRole.Viewer)
  list() {}

  @Delete()
  remove() {}
}

@Controller('health')
class HealthLikeController {
  @Get()
  @SuperadminOnly()
  check() {}
}

@Controller('open')
class ForgottenController {
  @Get('door')
  @Public()
  door() {}

  @Post('window')
  window() {}
}

@Controller('tenants/:tenant/empty')
class EmptyRolesController {
  // What `@TenantRoles()` without roles would declare; the type forbids it, start-up too.
  @Get()
  @((TenantRoles as (...roles: TenantRole[]) => MethodDecorator)())
  read() {}
}

async function boot(...controllers: Type[]): Promise<NestFastifyApplication> {
  @Module({ imports: [AccessPolicyModule], controllers })
  class AppModule {}
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
    logger: false,
    abortOnError: false,
  });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  return app;
}

describe('RouteAccessPolicies', () => {
  it('lists every route with its policy, the handler’s overriding the controller’s', async () => {
    const app = await boot(DeclaredController, TenantThingsController, HealthLikeController);
    try {
      await app.init();
      const routes = app.get(RouteAccessPolicies).routes();
      expect(routes.map(({ method, path, policy }) => [method, path, policy])).toEqual(
        expect.arrayContaining([
          ['GET', '/api/things', { kind: 'public' }],
          ['POST', '/api/things', { kind: 'authenticated' }],
          ['GET', '/api/tenants/:tenant/things', { kind: 'tenant', roles: ['admin', 'viewer'] }],
          ['DELETE', '/api/tenants/:tenant/things', { kind: 'tenant', roles: ['admin'] }],
          ['GET', '/health', { kind: 'superadmin' }],
        ]),
      );
      expect(routes).toHaveLength(5);
    } finally {
      await app.close();
    }
  });

  it('refuses to start when a route declares no policy, naming it', async () => {
    const app = await boot(DeclaredController, ForgottenController);
    await expect(app.init()).rejects.toThrow(
      /Refusing to start.*POST \/api\/open\/window \(ForgottenController\.window\) declares no access policy/,
    );
    await app.close();
  });

  it('refuses to start when a tenant route lists no role', async () => {
    const app = await boot(EmptyRolesController);
    await expect(app.init()).rejects.toThrow(/GET \/api\/tenants\/:tenant\/empty .* lists no tenant role/);
    await app.close();
  });
});
