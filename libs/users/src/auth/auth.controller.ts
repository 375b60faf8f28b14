import { Actor, ApiErrors, Authenticated, AuthUser, BodyLimit, CurrentUser, Public, RequestActor } from '@app/core';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthService, ClientInfo } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { MeResponseDto } from './dto/me-response.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { LoginResponseDto, TokenPairResponseDto } from './dto/token-pair-response.dto';

/** Auth bodies are a few small fields: anything bigger is refused (413) before it is parsed. */
const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

const clientOf = (actor: RequestActor, request: FastifyRequest): ClientInfo => ({
  actor,
  userAgent: request.headers['user-agent'] ?? null,
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @BodyLimit(AUTH_BODY_LIMIT_BYTES)
  @ApiOperation({
    summary: 'Log in with email and password (public)',
    description:
      'Returns an access token (JWT, `expiresIn` seconds) and a single-use refresh token. Bad credentials, ' +
      'unknown emails and inactive users all get the same 401 INVALID_CREDENTIALS. Rate limited per window of ' +
      'LOGIN_RATE_WINDOW_SECONDS: LOGIN_RATE_LIMIT attempts per client address, LOGIN_RATE_LIMIT failures per ' +
      'account and address, LOGIN_ACCOUNT_FAILURE_LIMIT failures per account: 429 RATE_LIMITED with Retry-After. ' +
      'Bodies over 16 KB: 413. Too many password checks at once: 503 with Retry-After.',
  })
  @ApiOkResponse({ type: LoginResponseDto, description: 'A token pair and the user' })
  @ApiErrors(400, 401, 413, 429, 503)
  login(@Body() dto: LoginDto, @Actor() actor: RequestActor, @Req() request: FastifyRequest) {
    return this.auth.login(dto.email, dto.password, clientOf(actor, request));
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @BodyLimit(AUTH_BODY_LIMIT_BYTES)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair (public)',
    description:
      'The refresh token is spent; the answer carries its successor. Presenting a spent token again revokes ' +
      'every token of its family (audited as `auth.refresh.reuse`). Unknown, expired, revoked or spent tokens: ' +
      '401 INVALID_TOKEN. Rate limited to REFRESH_RATE_LIMIT per client address per LOGIN_RATE_WINDOW_SECONDS ' +
      '(429 RATE_LIMITED with Retry-After). Bodies over 16 KB: 413.',
  })
  @ApiOkResponse({ type: TokenPairResponseDto, description: 'A new token pair; the refresh token sent is spent' })
  @ApiErrors(400, 401, 413, 429)
  refresh(@Body() dto: RefreshTokenDto, @Actor() actor: RequestActor, @Req() request: FastifyRequest) {
    return this.auth.refresh(dto.refreshToken, clientOf(actor, request));
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @BodyLimit(AUTH_BODY_LIMIT_BYTES)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Log out: revoke a refresh token (and its family)',
    description: 'Idempotent: a token that is unknown, already revoked or not the caller’s changes nothing.',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(400, 401, 413)
  async logout(@Body() dto: RefreshTokenDto, @CurrentUser() user: AuthUser, @Actor() actor: RequestActor) {
    await this.auth.logout(dto.refreshToken, user, actor);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The caller and their tenant memberships',
    description:
      'The user object’s fields at the top level, the same object under `user`, and ' +
      '`memberships: [{tenantId, slug, name, role}]`.',
  })
  @ApiOkResponse({ type: MeResponseDto, description: 'The caller and their memberships' })
  @ApiErrors(401)
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
  }
}
