import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { INestApplication, INestApplicationContext, LoggerService } from '@nestjs/common';
import { Lifecycle } from './lifecycle';

/**
 * SIGTERM/SIGINT: readiness turns 503, then the app closes (no new connections; requests in flight
 * finish while idle keep-alive connections are closed, as Node's server.close() does; running jobs
 * finish; browser and pools close), then `after` runs. If that takes longer
 * than `timeoutMs` the process exits anyway; jobs it was running return to the queue when their
 * lock lapses, and another worker takes them.
 */
export function stopGracefully(app: INestApplicationContext, logger: LoggerService, timeoutMs: number, after: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.get(Lifecycle).beginShutdown();
    closeConnectionsAfterResponse(app);
    logger.log(`${signal}: finishing what is in flight (at most ${timeoutMs} ms), then stopping`);
    const deadline = setTimeout(() => {
      logger.warn(`Still busy after ${timeoutMs} ms: exiting anyway`);
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    try {
      await app.close();
      await after();
    } finally {
      clearTimeout(deadline);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * server.close() closes only the keep-alive connections idle at that instant: a client or a load
 * balancer that goes on sending requests on a kept-alive connection would keep the process serving
 * until the deadline, and the requests in flight then would be cut. From the signal on, every
 * response closes its connection, so each connection ends after the request it carries.
 */
function closeConnectionsAfterResponse(app: INestApplicationContext): void {
  const server = 'getHttpServer' in app ? ((app as INestApplication).getHttpServer() as Server | undefined) : undefined;
  server?.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => res.setHeader('Connection', 'close'));
}
