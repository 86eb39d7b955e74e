import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Actor, Role } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { PasswordHasher } from '../users/password-hasher';
import { UserView } from '../users/user.view';
import { UsersService } from '../users/users.service';
import { LoginResult } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';

interface TokenClaims {
  sub: string;
  role: Role;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export const unauthenticated = (why: { vi: string; en: string } = { vi: 'Cần đăng nhập.', en: 'Sign-in required.' }) =>
  new DomainError('unauthenticated', why);

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, address: string): Promise<LoginResult> {
    await this.throttle.assertAllowed(address, email);
    const user = await this.users.findForLogin(email);
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      await this.throttle.recordFailure(address, email);
      throw unauthenticated({ vi: 'E-mail hoặc mật khẩu không đúng.', en: 'Wrong e-mail or password.' });
    }
    await this.throttle.recordSuccess(email);
    const claims: TokenClaims = { sub: user.id, role: user.role };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
      user: UserView.of(user),
    };
  }

  /**
   * A form's CSRF token: signed by the server and bound to one session (or pre-session) value, so
   * a page on another site can neither read nor forge it.
   */
  csrfToken(sessionValue: string): string {
    return this.jwt.sign({ csrf: sha256(sessionValue) }, { audience: 'csrf', expiresIn: this.config.jwtTtlSeconds });
  }

  async csrfValid(token: unknown, sessionValue: string | undefined): Promise<boolean> {
    if (typeof token !== 'string' || !sessionValue) return false;
    try {
      const claims = await this.jwt.verifyAsync<{ csrf?: string }>(token, { audience: 'csrf' });
      return claims.csrf === sha256(sessionValue);
    } catch {
      return false;
    }
  }

  /** The actor behind a bearer token; the user is read again so a removed account stops at once. */
  async actorFromToken(token: string): Promise<Actor> {
    let claims: TokenClaims & { aud?: unknown };
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & { aud?: unknown }>(token);
      // A CSRF token is signed with the same key but is not a session.
      if (claims.aud !== undefined) throw new Error('not an access token');
    } catch {
      throw unauthenticated({ vi: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.', en: 'Invalid or expired token; sign in again.' });
    }
    const user = typeof claims.sub === 'string' && /^[0-9a-f-]{36}$/i.test(claims.sub) ? await this.users.findActive(claims.sub) : null;
    if (!user) throw unauthenticated({ vi: 'Tài khoản không còn hoạt động.', en: 'The account is no longer active.' });
    return { id: user.id, role: user.role, agencyId: user.agencyId, email: user.email, fullName: user.fullName };
  }
}
