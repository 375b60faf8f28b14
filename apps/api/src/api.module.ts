import { AuditModule } from '@app/audit';
import { AccessPolicyGuard, AccessPolicyModule, CoreModule, Env, HealthModule, MetricsModule } from '@app/core';
import { DataschemaModule } from '@app/dataschema';
import { ImportexportModule } from '@app/importexport';
import { NotificationsModule } from '@app/notifications';
import { TenantsModule } from '@app/tenants';
import { JwtAuthGuard, UsersModule, UsersNotifyModule } from '@app/users';
import { WorkerModule } from '@app/worker-host';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

@Module({})
export class ApiModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(env),
        AccessPolicyModule,
        AuditModule,
        NotificationsModule,
        UsersModule,
        TenantsModule,
        DataschemaModule,
        ImportexportModule,
        UsersNotifyModule,
        HealthModule,
        MetricsModule,
        ...(env.WORKER_EMBEDDED ? [WorkerModule] : []),
      ],
      providers: [
        // Order matters: authenticate, then enforce the route's access policy.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: AccessPolicyGuard },
      ],
    };
  }
}
