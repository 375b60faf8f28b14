import { AuditModule } from '@app/audit';
import { CoreModule, Env, HealthModule, MetricsModule, SuperadminGuard, TenantAccessGuard } from '@app/core';
import { NotificationsModule } from '@app/notifications';
import { TenantsModule } from '@app/tenants';
import { JwtAuthGuard, UsersModule, UsersNotifyModule } from '@app/users';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { WorkerModule } from '../../worker/src/worker.module';

@Module({})
export class ApiModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(env),
        AuditModule,
        NotificationsModule,
        UsersModule,
        TenantsModule,
        UsersNotifyModule,
        HealthModule,
        MetricsModule,
        ...(env.WORKER_EMBEDDED ? [WorkerModule] : []),
      ],
      providers: [
        // Order matters: authenticate, then check the platform role, then the tenant role.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: SuperadminGuard },
        { provide: APP_GUARD, useClass: TenantAccessGuard },
      ],
    };
  }
}
