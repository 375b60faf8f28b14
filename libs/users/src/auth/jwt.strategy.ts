import { AuthUser, Env, InjectEnv } from '@app/core';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { UsersRepository } from '../users.repository';
import { isAccessTokenClaims } from './access-token';

export const JWT_STRATEGY = 'jwt';

/** Verifies bearer tokens (HS256 only) and loads the user on every request; missing or inactive users fail. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    @InjectEnv() env: Env,
    private readonly users: UsersRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: env.JWT_SECRET,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: unknown): Promise<AuthUser | false> {
    if (!isAccessTokenClaims(payload)) return false;
    const user = await this.users.findById(payload.sub);
    if (!user || !user.isActive) return false;
    return { id: user.id, email: user.email, isSuperadmin: user.isSuperadmin };
  }
}
