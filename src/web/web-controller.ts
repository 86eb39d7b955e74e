import { applyDecorators, Controller, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/auth/decorators';
import { WebExceptionFilter } from './web-exception.filter';
import { WebSessionGuard } from './web-session.guard';

export const WEB_ANONYMOUS = 'duthao:web-anonymous';

/**
 * A controller of pages: signed in by the session cookie (not the API's bearer token), CSRF-checked
 * on every change, errors shown as pages, absent from the API document.
 */
export const WebController = (path = '') =>
  applyDecorators(Controller(path), Public(), UseGuards(WebSessionGuard), UseFilters(WebExceptionFilter), ApiExcludeController());

/** A page anyone may open (the sign-in page). Its forms are still CSRF-checked. */
export const Anonymous = () => SetMetadata(WEB_ANONYMOUS, true);
