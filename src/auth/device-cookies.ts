import { Injectable } from '@nestjs/common';
import type { CookieOptions } from 'express';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { deviceEntryFor, withDeviceEntry } from './domain/device-cookie';
import { ServerKeys } from './server-keys';

/** How long a browser stays known to an account after its last successful login there. */
const DEVICE_COOKIE_MAX_AGE_MS = 365 * 86_400_000;

/** The `duthao_device` cookie (see domain/device-cookie.ts) with the server's key and settings. */
@Injectable()
export class DeviceCookies {
  constructor(
    private readonly keys: ServerKeys,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The nonce of the cookie's valid entry for this account, or null: no trust. */
  nonceFor(cookie: unknown, userId: string): string | null {
    return deviceEntryFor(this.keys.deviceCookie, cookie, userId, this.clock.now(), DEVICE_COOKIE_MAX_AGE_MS)?.nonce ?? null;
  }

  /** The cookie's value after a successful login to this account. */
  issue(cookie: unknown, userId: string): string {
    return withDeviceEntry(this.keys.deviceCookie, cookie, userId, this.clock.now(), DEVICE_COOKIE_MAX_AGE_MS);
  }

  options(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.config.publicUrl.startsWith('https:'), path: '/', maxAge: DEVICE_COOKIE_MAX_AGE_MS };
  }
}
