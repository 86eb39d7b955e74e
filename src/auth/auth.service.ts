import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Actor, Role } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { PasswordHasher } from '../users/password-hasher';
import { UserView } from '../users/user.view';
import { UsersService } from '../users/users.service';
import { DeviceCookies } from './device-cookies';
import { LoginResult } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';
import { SessionStore } from './session-store';

interface TokenClaims {
  sub: string;
  role: Role;
  /** The session (sessions.id) the token belongs to. */
  sid: string;
}

/** Who is trying to sign in: their address and the `duthao_device` cookie they sent, if any. */
export interface LoginClient {
  address: string;
  deviceCookie?: unknown;
}

export interface LoginOutcome {
  result: LoginResult;
  /** The new value of the `duthao_device` cookie, to set on the response. */
  deviceCookie: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export const unauthenticated = (why: { vi: string; en: string } = { vi: 'Cần đăng nhập.', en: 'Sign-in required.' }) => new DomainError('unauthenticated', why);

const INVALID_TOKEN = { vi: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.', en: 'Invalid or expired token; sign in again.' };

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionStore,
    private readonly devices: DeviceCookies,
    private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, client: LoginClient): Promise<LoginOutcome> {
    const user = await this.users.findForLogin(email);
    const deviceNonce = user ? this.devices.nonceFor(client.deviceCookie, user.id) : null;
    const decision = await this.throttle.admit({ address: client.address, email: email.toLowerCase(), deviceNonce });
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      await this.throttle.recordFailure(decision);
      throw unauthenticated({ vi: 'E-mail hoặc mật khẩu không đúng.', en: 'Wrong e-mail or password.' });
    }
    await this.throttle.recordSuccess(decision);
    const sid = await this.sessions.start(user.id, this.config.jwtTtlSeconds);
    const claims: TokenClaims = { sub: user.id, role: user.role, sid };
    return {
      result: { accessToken: await this.jwt.signAsync(claims), tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds, user: UserView.of(user) },
      deviceCookie: this.devices.issue(client.deviceCookie, user.id),
    };
  }

  /** Ends the token's session: the token, and the page session holding the same token, stop working at once. */
  async logout(token: string | undefined): Promise<void> {
    const claims = token ? await this.verified(token) : null;
    if (claims) await this.sessions.end(claims.sid);
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

  /** The actor behind a bearer token: its session and its user are read in one query, so a logout or a disabled account stops it at once. */
  async actorFromToken(token: string): Promise<Actor> {
    const claims = await this.verified(token);
    if (!claims) throw unauthenticated(INVALID_TOKEN);
    const actor = await this.sessions.actor(claims.sid, claims.sub);
    if (!actor)
      throw unauthenticated({
        vi: 'Phiên đăng nhập đã kết thúc hoặc tài khoản không còn hoạt động; vui lòng đăng nhập lại.',
        en: 'The session has ended or the account is no longer active; sign in again.',
      });
    return actor;
  }

  /** The claims of an access token signed by us, unexpired, with an expiry, naming a session; otherwise null. */
  private async verified(token: string): Promise<TokenClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims & { aud?: unknown; exp?: unknown }>(token);
      // A CSRF token is signed with the same key but is not a session.
      if (claims.aud !== undefined) return null;
      // jsonwebtoken checks `exp` only when the token has one: a token without it would never expire.
      if (typeof claims.exp !== 'number') return null;
      if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || typeof claims.sid !== 'string' || !UUID.test(claims.sid)) return null;
      return claims;
    } catch {
      return null;
    }
  }
}
