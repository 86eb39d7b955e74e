import { simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { freePort } from './processes';

export interface ReceivedMail {
  from: string;
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  html: string;
}

/** An SMTP error reply the sink gives instead of accepting (e.g. 451 "try again later"). */
export interface Rejection {
  code: number;
  message: string;
}

/**
 * A real SMTP server in the test process: it receives every e-mail the app sends. `hold()` makes it
 * stall before accepting messages, to catch a worker in the middle of sending; `reject()` makes it
 * refuse them with an SMTP error.
 *
 * Like a real relay, it takes responsibility for a message only when it answers "250" to it: a
 * message whose sender hung up before that answer (a worker killed while the sink held it) is not
 * received but `dropped`, since the sender never learned that it went through and will send it again.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Messages whose connection closed before the sink answered them: not received. */
  readonly dropped: ReceivedMail[] = [];
  /** Messages refused with `reject()`'s error. */
  readonly rejected: ReceivedMail[] = [];
  /** Connection errors (a sender that reset its connection mid-transaction). */
  readonly errors: Error[] = [];
  /** Messages read in full and waiting for the sink's answer (held). */
  inFlight = 0;
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;
  private rejection: Rejection | null = null;
  /** Ids of the sessions whose connection is still open. */
  private readonly open = new Set<string>();
  private server!: SMTPServer;
  port = 0;

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    sink.port = await freePort();
    sink.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (session, callback) => {
        sink.open.add(session.id);
        callback();
      },
      onClose: (session) => {
        sink.open.delete(session.id);
      },
      onData: (stream, session, callback) => void sink.onData(stream, session, callback),
    });
    // A sender killed in the middle of a transaction resets its connection: smtp-server reports that
    // as an 'error' event, which would crash the test process if nobody listened.
    sink.server.on('error', (err) => sink.errors.push(err));
    await new Promise<void>((resolve) => sink.server.listen(sink.port, '127.0.0.1', resolve));
    return sink;
  }

  private async onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', resolve);
        stream.on('error', reject);
      });
    } catch {
      return; // the sender went away in the middle of the message: nothing to answer
    }
    this.inFlight++;
    try {
      if (this.held) await this.held;
    } finally {
      this.inFlight--;
    }
    const mail = await parse(Buffer.concat(chunks));
    // smtp-server reports a closed connection on the next turn of the event loop: let it.
    await new Promise((r) => setImmediate(r));
    if (!this.open.has(session.id)) {
      this.dropped.push(mail);
      callback();
      return;
    }
    if (this.rejection) {
      this.rejected.push(mail);
      callback(Object.assign(new Error(this.rejection.message), { responseCode: this.rejection.code }));
      return;
    }
    this.received.push(mail);
    callback();
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** How many SMTP connections are open now. */
  get connections(): number {
    return this.open.size;
  }

  /** From now on, messages wait (the sender sees no answer) until released. */
  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  unhold(): void {
    this.release?.();
    this.held = null;
  }

  /** From now on, refuse every message with this SMTP error (451: a temporary failure). */
  reject(rejection: Rejection = { code: 451, message: 'Requested action aborted: local error in processing' }): void {
    this.rejection = rejection;
  }

  /** Accept messages again after `reject()`. */
  accept(): void {
    this.rejection = null;
  }

  async close(): Promise<void> {
    this.unhold();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function parse(raw: Buffer): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  return {
    from: parsed.from?.value[0]?.address ?? '',
    to: (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? '')),
    messageId: parsed.messageId ?? '',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
  };
}

/** Polls until `check` holds (or fails after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | false | null | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
