import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { SESSION_COOKIE } from './auth/session-cookie';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { join } from 'node:path';
import { carriesSession } from './common/http/credentials';
import { formBody, jsonBody, urlLimits } from './common/http/json-body';
import { createOpenApiDocument } from './common/http/openapi-document';
import { TEMPLATES_DIR } from './common/paths';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { mountBullBoard } from './notifications/bull-board';
import { Metrics } from './observability/metrics';
import { requestIdMiddleware } from './observability/request-context';
import { WebExceptionFilter } from './web/web-exception.filter';

export const BODY_LIMIT = 5 * 1024 * 1024;
/** For a client without a valid session: the sign-in needs a few hundred bytes (see json-body.ts). */
export const ANONYMOUS_BODY_LIMIT = 64 * 1024;

/** Everything about the HTTP surface that the real server and the e2e tests must share. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(requestIdMiddleware);
  app.use(app.get(Metrics).middleware());
  app.use(securityHeaders(config.publicUrl.startsWith('https:')));
  // CORS is closed unless origins are named: the pages are same-origin, the API takes bearer tokens.
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: false, exposedHeaders: ['ETag', 'X-Request-Id', 'Retry-After'] });
  app.use(urlLimits());
  const jwt = app.get(JwtService);
  const signedIn = carriesSession(SESSION_COOKIE, (token) => jwt.verify(token));
  const limits = { limit: BODY_LIMIT, anonymousLimit: ANONYMOUS_BODY_LIMIT, signedIn };
  app.use(jsonBody(limits));
  app.use(formBody(limits));
  app.use(cookieParser());
  app.useStaticAssets(join(TEMPLATES_DIR, 'web', 'assets'), { prefix: '/assets/', maxAge: '1h' });
  // Pages show live state (deadlines, decisions): never from a cache, never revalidated into a stale 304.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!/^\/(api|assets|admin\/queues|metrics)(\/|$)/.test(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  mountBullBoard(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.get(WebExceptionFilter)));

  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}

/**
 * helmet's headers with a policy for every page, Bull Board's included: scripts, styles, fonts and
 * requests only from this site (styles may be inline for the API docs and the board), no framing,
 * forms post only here. HTTPS-only headers (upgrade-insecure-requests, HSTS) only when the public
 * address is HTTPS: on plain HTTP they would send browsers to an https:// that does not exist.
 */
function securityHeaders(https: boolean) {
  return helmet({
    strictTransportSecurity: https,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}
