import { AuditService } from '@app/audit';
import {
  AuthUser,
  CoreErrorCode,
  Env,
  InjectEnv,
  notFound,
  RequestActor,
  unauthorized,
  USER_MEMBERSHIPS,
  UserMemberships,
} from '@app/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { PasswordHasher } from '../password-hasher';
import { UserEntity } from '../user.entity';
import { toUserResponse } from '../user.mapper';
import { UsersErrorCode } from '../users.exception';
import { UsersRepository } from '../users.repository';
import { accessTokenClaims } from './access-token';
import { refreshTokensTotal } from './auth-metrics';
import { MeResponseDto } from './dto/me-response.dto';
import { LoginResponseDto, TokenPairResponseDto } from './dto/token-pair-response.dto';
import { generateRefreshToken, hashRefreshToken, refreshTokenExpiry } from './refresh-token';
import { AuthRateLimiter } from './rate-limit/auth-rate-limiter';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/** Where a request came from, kept with the refresh tokens it creates. */
export interface ClientInfo {
  actor: RequestActor;
  userAgent: string | null;
}

type LoginFailure = 'unknown_email' | 'wrong_password' | 'inactive';

const invalidCredentials = () => unauthorized(CoreErrorCode.INVALID_CREDENTIALS, 'Invalid email or password');
const invalidRefreshToken = () =>
  unauthorized(CoreErrorCode.INVALID_TOKEN, 'The refresh token is invalid, expired or revoked');

/** Login, refresh-token rotation with reuse detection, logout and the caller's profile. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectEnv() private readonly env: Env,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly tokens: RefreshTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly limiter: AuthRateLimiter,
    @Inject(USER_MEMBERSHIPS) private readonly memberships: UserMemberships,
  ) {}

  /** Unknown email, wrong password and inactive user fail alike: same error, same argon2 work. */
  async login(email: string, password: string, client: ClientInfo): Promise<LoginResponseDto> {
    const normalized = email.trim().toLowerCase();
    await this.limiter.admitLogin(client.actor.ip, normalized);
    const user = await this.users.findByEmail(normalized);
    const matches = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyDummy(password);
    const failure: LoginFailure | null = !user
      ? 'unknown_email'
      : !matches
        ? 'wrong_password'
        : !user.isActive
          ? 'inactive'
          : null;
    if (!user || failure) {
      await this.limiter.recordFailure(client.actor.ip, normalized);
      await this.recordFailure(normalized, user, failure ?? 'unknown_email', client.actor);
      throw invalidCredentials();
    }
    const actor: RequestActor = {
      ...client.actor,
      userId: user.id,
      email: user.email,
      isSuperadmin: user.isSuperadmin,
    };
    const { loggedIn, refreshToken } = await this.dataSource.transaction(async (manager) => {
      const touched = await this.users.touchLastLogin(manager, user.id);
      const token = await this.issueRefreshToken(manager, user.id, randomUUID(), client);
      await this.audit.record(manager, actor, {
        tenantId: null,
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        details: { email: user.email },
      });
      return { loggedIn: touched, refreshToken: token };
    });
    return { ...this.pair(loggedIn, refreshToken), user: toUserResponse(loggedIn) };
  }

  /**
   * Rotates a refresh token: the old one is spent and a new one of the same family returned.
   * Presenting a spent token again means it leaked, so its whole family is revoked.
   */
  async refresh(refreshToken: string, client: ClientInfo): Promise<TokenPairResponseDto> {
    await this.limiter.admitRefresh(client.actor.ip);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await this.tokens.findByHashForUpdate(manager, hashRefreshToken(refreshToken));
      if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
      if (row.usedAt) {
        await this.recordReuse(manager, row.userId, row.familyId, client.actor);
        return 'reuse' as const;
      }
      const user = await this.users.findById(row.userId, manager);
      if (!user || !user.isActive) return null;
      await this.tokens.markUsed(manager, row.id);
      return { user, token: await this.issueRefreshToken(manager, user.id, row.familyId, client) };
    });
    if (outcome === null || outcome === 'reuse') {
      refreshTokensTotal.inc({ outcome: outcome ?? 'refused' });
      throw invalidRefreshToken();
    }
    refreshTokensTotal.inc({ outcome: 'rotated' });
    return this.pair(outcome.user, outcome.token);
  }

  /** A spent token came back, so it leaked: its whole family is revoked and the platform chain says so. */
  private async recordReuse(
    manager: EntityManager,
    userId: string,
    familyId: string,
    actor: RequestActor,
  ): Promise<void> {
    const revoked = await this.tokens.revokeFamily(manager, familyId);
    this.logger.warn(`Refresh token reuse for user ${userId}: family ${familyId} revoked`);
    await this.audit.record(
      manager,
      { ...actor, userId: null, email: null, isSuperadmin: false },
      {
        tenantId: null,
        action: 'auth.refresh.reuse',
        entityType: 'user',
        entityId: userId,
        details: { familyId, revokedTokens: revoked },
      },
    );
  }

  /** Ends the session the refresh token belongs to; unknown or foreign tokens change nothing. */
  async logout(refreshToken: string, caller: AuthUser, actor: RequestActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.tokens.findByHashForUpdate(manager, hashRefreshToken(refreshToken));
      if (!row || row.userId !== caller.id) return;
      const revoked = await this.tokens.revokeFamily(manager, row.familyId);
      if (revoked === 0) return;
      await this.audit.record(manager, actor, {
        tenantId: null,
        action: 'auth.logout',
        entityType: 'user',
        entityId: caller.id,
        details: { email: caller.email },
      });
    });
  }

  async me(caller: AuthUser): Promise<MeResponseDto> {
    const user = await this.users.findById(caller.id);
    if (!user) throw notFound(UsersErrorCode.USER_NOT_FOUND, 'User not found');
    const response = toUserResponse(user);
    const memberships = await this.memberships.of(user.id);
    return { ...response, user: response, memberships };
  }

  private pair(user: UserEntity, refreshToken: string): TokenPairResponseDto {
    return {
      accessToken: this.jwt.sign(accessTokenClaims(user)),
      refreshToken,
      expiresIn: this.env.JWT_ACCESS_TTL_SECONDS,
    };
  }

  private async issueRefreshToken(
    manager: EntityManager,
    userId: string,
    familyId: string,
    client: ClientInfo,
  ): Promise<string> {
    const token = generateRefreshToken();
    await this.tokens.insert(manager, {
      userId,
      familyId,
      tokenHash: hashRefreshToken(token),
      expiresAt: refreshTokenExpiry(new Date(), this.env.REFRESH_TOKEN_TTL_DAYS),
      ip: client.actor.ip?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 1000) ?? null,
    });
    return token;
  }

  private async recordFailure(
    email: string,
    user: UserEntity | null,
    reason: LoginFailure,
    actor: RequestActor,
  ): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.record(
        manager,
        { ...actor, userId: null, email: email.slice(0, 254), isSuperadmin: false },
        {
          tenantId: null,
          action: 'auth.login.failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          details: { email, reason },
        },
      ),
    );
  }
}
