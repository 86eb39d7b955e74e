import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Actor } from '../common/auth/actor';
import { AppConfig } from '../config/app-config';
import { currentRequestId } from './request-context';

const QUIET = /^\/(api\/health|assets\/|metrics)/;

/** Structured JSON logs (pino), one line per request, the request id on every line, secrets redacted. */
export function loggingParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage) => req.id ?? currentRequestId() ?? '',
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      customProps: (req: IncomingMessage & { user?: Actor }) => (req.user ? { userId: req.user.id } : {}),
      autoLogging: { ignore: (req: IncomingMessage) => QUIET.test(req.url ?? '') },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      serializers: {
        req: (req: IncomingMessage) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
