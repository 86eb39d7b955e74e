import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor, Role, ROLE_LABELS } from '../common/auth/actor';
import { IS_PUBLIC, ROLES_KEY } from '../common/auth/decorators';
import { forbidden } from '../common/errors/domain-error';
import { AuthService, unauthenticated } from './auth.service';

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: unknown): string | undefined {
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows it further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthenticated();
    const actor = await this.auth.actorFromToken(token);
    req.user = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) {
      throw forbidden({
        vi: `Vai trò "${ROLE_LABELS[actor.role].vi}" không được thực hiện thao tác này (dành cho: ${roles.map((r) => ROLE_LABELS[r].vi).join(', ')}).`,
        en: `The ${actor.role} role may not do this (allowed: ${roles.join(', ')}).`,
      });
    }
    return true;
  }
}
