import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Stops an HTTP server without cutting a request: no new connection is accepted, every request in
 * flight is answered, and each connection closes after the response it carries.
 *
 * Node's server.close() alone closes only the keep-alive connections idle at that instant; one that
 * carried a request then stays open after its response until the client or the keep-alive timeout
 * closes it, and a client may go on sending requests on it. So from the drain on, responses not yet
 * begun say `Connection: close`, and a connection is closed as soon as it falls idle.
 */
export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  /** Call before the server listens, so that every request is seen. */
  constructor(private readonly server: Server) {
    server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
      this.inFlight.add(res);
      if (this.draining) res.setHeader('Connection', 'close');
      res.once('close', () => {
        this.inFlight.delete(res);
        if (this.draining) setImmediate(() => server.closeIdleConnections());
      });
    });
  }

  /** Resolves once every connection has ended. */
  drain(): Promise<void> {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    // A server that never listened (a stop during start-up) answers at once with an error: nothing to wait for.
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
