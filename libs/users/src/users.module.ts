import { Env, ENV } from '@app/core';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminSeedModule } from './admin-seed.module';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { AccessTokenVerifier } from './auth/access-token-verifier';
import { AuthenticatedUsers } from './auth/authenticated-users';
import { AuthRateLimiter } from './auth/rate-limit/auth-rate-limiter';
import { LimiterCounters } from './auth/rate-limit/limiter-counters';
import { RefreshTokenEntity } from './auth/refresh-token.entity';
import { RefreshTokensRepository } from './auth/refresh-tokens.repository';
import { RequestAuthenticator } from './auth/request-authenticator';
import { CurrentPasswordCheck } from './current-password';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { WelcomeMailer } from './welcome-mailer';

/** Users CRUD, login/refresh/logout, and the token check and user cache behind the global `JwtAuthGuard`. */
@Module({
  imports: [
    AdminSeedModule,
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity]),
    JwtModule.registerAsync({
      inject: [ENV],
      useFactory: (env: Env) => ({
        secret: env.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: env.JWT_ACCESS_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    UsersService,
    AuthService,
    RefreshTokensRepository,
    AccessTokenVerifier,
    AuthenticatedUsers,
    RequestAuthenticator,
    LimiterCounters,
    AuthRateLimiter,
    WelcomeMailer,
    CurrentPasswordCheck,
  ],
  exports: [UsersService, AccessTokenVerifier, AuthenticatedUsers, RequestAuthenticator],
})
export class UsersModule {}
