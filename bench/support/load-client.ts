/**
 * What the load-and-fault test needs to drive real processes from outside: an HTTP client that
 * tells a refused connection (the request never reached the server) from one cut in the middle
 * (the outcome is unknown), the memory of a process and its children from /proc, and an SMTP server
 * that only counts what it accepts, by Message-ID and arrival time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { dirname, join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../test/support/processes';

/** The repository: the first folder above this file that holds package.json (bench/support or dist-bench/bench/support). */
export const REPO = (() => {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
})();

/** One HTTP exchange as the client saw it. `status` 0: no response (see `error`). */
export interface Outcome {
  status: number;
  text: string;
  /** ECONNREFUSED (never reached the server), ECONNRESET / EPIPE / HANGUP (cut: outcome unknown), TIMEOUT. */
  error: string | null;
  /** Whether the request went out on a kept-alive socket that had served an earlier request. */
  reused: boolean;
  /** Which connection carried it (numbered in this process). */
  socket: number;
  start: number;
  end: number;
}

/** A refused connection never carried the request: it is safe to send it elsewhere. */
export const neverSent = (o: Outcome) => o.error === 'ECONNREFUSED';

const socketIds = new WeakMap<object, number>();
let nextSocketId = 1;

export class HttpTarget {
  readonly agent: Agent;

  /** keepAlive: reuse connections as browsers and load balancers do; off: a new connection per request, as health probes do. */
  constructor(
    readonly name: string,
    readonly port: number,
    keepAlive = true,
  ) {
    this.agent = new Agent({ keepAlive, maxSockets: 256, keepAliveMsecs: 1000 });
  }

  call(method: string, path: string, token: string | null, body?: unknown, opts: { timeoutMs?: number; keepText?: boolean } = {}): Promise<Outcome> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const start = Date.now();
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      let reused = false;
      let socket = 0;
      const done = (o: Omit<Outcome, 'start' | 'end' | 'reused' | 'socket'>) => {
        if (settled) return;
        settled = true;
        resolve({ ...o, reused, socket, start, end: Date.now() });
      };
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (opts.keepText !== false) chunks.push(c);
          });
          res.on('end', () =>
            done({ status: res.statusCode ?? 0, text: opts.keepText !== false ? Buffer.concat(chunks).toString() : `(${size} bytes)`, error: null }),
          );
          res.on('aborted', () => done({ status: 0, text: '', error: 'ECONNRESET' }));
          res.on('error', (err: NodeJS.ErrnoException) => done({ status: 0, text: '', error: errorCode(err) }));
        },
      );
      req.on('socket', (s) => {
        reused = req.reusedSocket;
        if (!socketIds.has(s)) socketIds.set(s, nextSocketId++);
        socket = socketIds.get(s)!;
      });
      req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => done({ status: 0, text: '', error: errorCode(err) }));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function errorCode(err: NodeJS.ErrnoException): string {
  if (err.code) return err.code;
  if (/socket hang up/i.test(err.message)) return 'HANGUP';
  return err.message.slice(0, 60);
}

/** The value at fraction q (0..1) of the sorted numbers (nearest rank); NaN when empty. */
export function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Resident memory of a process and of all its descendants (Chromium under a worker), in kB; null once gone. */
export function rssOfTree(pid: number): { self: number; children: number; childCount: number } | null {
  const self = rssKb(pid);
  if (self === null) return null;
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = byParent.get(ppid) ?? [];
      list.push(Number(entry));
      byParent.set(ppid, list);
    } catch {
      // gone between readdir and read
    }
  }
  let children = 0;
  let childCount = 0;
  const queue = [...(byParent.get(pid) ?? [])];
  while (queue.length) {
    const p = queue.shift()!;
    const kb = rssKb(p);
    if (kb !== null) {
      children += kb;
      childCount++;
    }
    queue.push(...(byParent.get(p) ?? []));
  }
  return { self, children, childCount };
}

function rssKb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    // A process that has exited but not been reaped yet (a zombie) has no VmRSS line: gone.
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export interface Arrival {
  emailId: string;
  to: string[];
  at: number;
}

/**
 * An SMTP server that accepts every message and notes its Message-ID (`<email-row-id@duthao>`),
 * recipients and time of acceptance; no MIME parsing beyond the header, so it costs the load
 * generator little.
 */
export class CountingSmtp {
  readonly arrivals: Arrival[] = [];
  readonly errors: string[] = [];
  private server!: SMTPServer;
  port = 0;

  static async start(): Promise<CountingSmtp> {
    const sink = new CountingSmtp();
    sink.port = await freePort();
    sink.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        let head = '';
        stream.on('data', (c: Buffer) => {
          if (head.length < 64 * 1024) head += c.toString('latin1');
        });
        stream.on('error', () => undefined);
        stream.on('end', () => {
          const headers = head.split(/\r?\n\r?\n/)[0];
          const id = /^Message-ID:\s*<([^>@]+)@duthao>/im.exec(headers)?.[1] ?? `?${headers.slice(0, 80)}`;
          sink.arrivals.push({ emailId: id, to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), at: Date.now() });
          callback();
        });
      },
    });
    // A sender killed mid-transaction resets its connection: noted, not fatal.
    sink.server.on('error', (err) => sink.errors.push(err.message));
    await new Promise<void>((resolve) => sink.server.listen(sink.port, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
