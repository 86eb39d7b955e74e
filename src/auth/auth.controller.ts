import { Body, Controller, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Public } from '../common/auth/decorators';
import { IdempotencyKeyIgnored } from '../common/idempotency/idempotency-key-ignored';
import { SkipWriteRateLimit } from '../observability/write-rate-limit';
import { UserView } from '../users/user.view';
import { bearerToken } from './auth.guard';
import { AuthService } from './auth.service';
import { DeviceCookies } from './device-cookies';
import { LoginDto, LoginResult } from './dto/login.dto';
import { DEVICE_COOKIE } from './session-cookie';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly devices: DeviceCookies,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @IdempotencyKeyIgnored()
  @ApiOperation({
    summary: 'Đăng nhập',
    description:
      'Sets the `duthao_device` cookie (HttpOnly, SameSite=Lax, long-lived), bound to the account: after 5 failed logins the account refuses ' +
      'further attempts (429 with Retry-After) from clients without it, while a client holding it may still sign in with the right password. ' +
      'Failures per address are limited for a whole office behind one NAT address (at least 200 an hour by default). ' +
      '`Idempotency-Key` is ignored here and the answer is never stored: it carries a live access token, and a retried login simply signs in again.',
  })
  @ApiHeader({ name: 'Cookie', required: false, description: '`duthao_device=…` from an earlier successful login to this account' })
  @ApiOkResponse({
    type: LoginResult,
    headers: {
      'Set-Cookie': {
        description: '`duthao_device=…; HttpOnly; SameSite=Lax; Max-Age=31536000` (Secure when PUBLIC_URL is https)',
        schema: { type: 'string' },
      },
    },
  })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (the same answer for both)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed logins for this account from unknown clients, or from this address',
    headers: { 'Retry-After': { description: 'Seconds until a new attempt may be made', schema: { type: 'integer' } } },
  })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    const cookies = (req.cookies ?? {}) as Record<string, unknown>;
    const { result, deviceCookie } = await this.auth.login(dto.email, dto.password, { address: req.ip ?? 'unknown', deviceCookie: cookies[DEVICE_COOKIE] });
    res.cookie(DEVICE_COOKIE, deviceCookie, this.devices.options());
    return result;
  }

  @Post('auth/logout')
  @HttpCode(204)
  @SkipWriteRateLimit()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Đăng xuất',
    description: 'Ends the session of this token at once, in every API process: the token, and the page session that shares it, answer 401 from now on.',
  })
  @ApiNoContentResponse({ description: 'The session has ended' })
  @ApiUnauthorizedResponse({ description: 'No token, or one that no longer works' })
  async logout(@Headers('authorization') authorization: string | undefined): Promise<void> {
    await this.auth.logout(bearerToken(authorization));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserView })
  me(@CurrentActor() actor: Actor): UserView {
    return UserView.of(actor);
  }
}
