import { Injectable, Module, OnModuleInit, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ApplicationConfig, DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_POLICY_KEY, AccessPolicy } from './access-policy';
import { accessPolicyProblems, DeclaredRoute } from './access-policy-rules';

export interface PolicedRoute extends DeclaredRoute {
  policy: AccessPolicy;
}

export class AccessPolicyError extends Error {
  constructor(problems: string[]) {
    super(`Refusing to start: every route must declare its access policy. ${problems.join('; ')}`);
    this.name = 'AccessPolicyError';
  }
}

const toArray = (value: string | string[] | undefined): string[] =>
  value === undefined ? [''] : Array.isArray(value) ? value : [value];
const trimSlashes = (part: string) => part.replace(/^\/+|\/+$/g, '');

/**
 * Walks every controller handler Nest discovered when the app initialises and refuses to
 * start (an `AccessPolicyError` naming each route) when one declares no access policy or an
 * unsafe one. Afterwards `routes()` lists every route with its policy.
 */
@Injectable()
export class RouteAccessPolicies implements OnModuleInit {
  private discovered: PolicedRoute[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly config: ApplicationConfig,
  ) {}

  onModuleInit(): void {
    const routes = this.discover();
    const problems = accessPolicyProblems(routes);
    if (problems.length > 0) throw new AccessPolicyError(problems);
    this.discovered = routes as PolicedRoute[];
  }

  routes(): readonly PolicedRoute[] {
    return this.discovered;
  }

  private discover(): DeclaredRoute[] {
    return this.discovery.getControllers().flatMap(({ instance, metatype }) => {
      if (!instance || !metatype) return [];
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      const prefixes = toArray(Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined);
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) return [];
        const method =
          (Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined) ?? RequestMethod.GET;
        const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY_KEY, [
          handler,
          metatype,
        ]);
        return prefixes.flatMap((prefix) =>
          toArray(paths).map((path): DeclaredRoute => ({
            method: RequestMethod[method],
            path: this.fullPath(prefix, path, method),
            handler: `${metatype.name}.${name}`,
            policy,
          })),
        );
      });
    });
  }

  private fullPath(prefix: string, path: string, method: RequestMethod): string {
    const local = [prefix, path].map(trimSlashes).filter(Boolean).join('/');
    const excluded = (this.config.getGlobalPrefixOptions().exclude ?? []).some(
      (route) =>
        trimSlashes(route.path) === local &&
        (route.requestMethod === RequestMethod.ALL || route.requestMethod === method),
    );
    const global = excluded ? '' : trimSlashes(this.config.getGlobalPrefix());
    return `/${[global, local].filter(Boolean).join('/')}`;
  }
}

/** Add to the app's module: its start-up then fails on any route without a valid access policy. */
@Module({
  imports: [DiscoveryModule],
  providers: [RouteAccessPolicies],
  exports: [RouteAccessPolicies],
})
export class AccessPolicyModule {}
