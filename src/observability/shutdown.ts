import type { LoggerService } from '@nestjs/common';

/** What closes on a stop, and optionally what to do instead if the stop runs out of time. */
interface Resource {
  name: string;
  close: () => Promise<void>;
  onDeadline?: () => void;
}

const DEFAULT_TIMEOUT_MS = 25_000;

/**
 * The one stop of a process, for SIGTERM and SIGINT from its first line on (main.ts and worker.ts
 * create it before loading anything else): with Node's default action a signal that came during
 * start-up, while modules load, the database starts or migrations run, killed the process with
 * nothing closed.
 *
 * Start-up registers each resource once it is up (`add`) and, between steps, stops if asked
 * (`if (shutdown.requested) return shutdown.stop()`): a step is never cut in the middle, so no
 * migration is half applied and an embedded PostgreSQL being started is stopped once it is up.
 * After start-up (`running()`), a signal stops at once. Resources close last added first; the
 * process exits 0 when all closed, 1 when one failed or when `timeoutMs` passed first (work still
 * running then goes back to the queue when its lock lapses).
 */
export class Shutdown {
  private static current: Shutdown | null = null;
  private readonly resources: Resource[] = [];
  private signal: NodeJS.Signals | null = null;
  private started = false;
  private stopping: Promise<never> | null = null;
  private closingNow: string | null = null;
  private timeoutMs = DEFAULT_TIMEOUT_MS;
  private logger: Pick<LoggerService, 'log' | 'warn' | 'error'> = {
    log: (message: string) => console.log(message),
    warn: (message: string) => console.warn(message),
    error: (message: string) => console.error(message),
  };

  private constructor() {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => this.onSignal(signal));
  }

  /** The process's Shutdown; the first call installs the signal handlers. */
  static catchSignals(): Shutdown {
    Shutdown.current ??= new Shutdown();
    return Shutdown.current;
  }

  /** True once a stop signal came. */
  get requested(): boolean {
    return this.signal !== null;
  }

  configure(timeoutMs: number, logger?: LoggerService): void {
    this.timeoutMs = timeoutMs;
    if (logger)
      this.logger = {
        log: (m: string) => logger.log(m, 'Shutdown'),
        warn: (m: string) => logger.warn(m, 'Shutdown'),
        error: (m: string) => logger.error(m, 'Shutdown'),
      };
  }

  /** Closes `close` on stop, before the resources added earlier. */
  add(name: string, close: () => Promise<void>, options: { onDeadline?: () => void } = {}): void {
    this.resources.push({ name, close, onDeadline: options.onDeadline });
  }

  /** Start-up is over: a signal that came during it stops the process now, later ones at once. */
  running(): Promise<void> | Promise<never> {
    this.started = true;
    return this.requested ? this.stop() : Promise.resolve();
  }

  /** Closes everything and exits: 0 if every resource closed, 1 otherwise. */
  stop(exitCode = 0): Promise<never> {
    this.stopping ??= this.closeAll(exitCode);
    return this.stopping;
  }

  /** Start-up failed: what was started is closed, then the process exits 1. */
  fail(err: unknown): Promise<never> {
    this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return this.stop(1);
  }

  private onSignal(signal: NodeJS.Signals): void {
    if (this.signal) return;
    this.signal = signal;
    this.startDeadline();
    if (this.started) {
      this.logger.log(`${signal}: finishing what is in flight (at most ${this.timeoutMs} ms), then stopping`);
      void this.stop();
    } else {
      this.logger.log(`${signal} during start-up: stopping once the current step is done (at most ${this.timeoutMs} ms)`);
    }
  }

  private startDeadline(): void {
    // Not unref'd: a close that waits on nothing Node counts as work must still end in an exit.
    setTimeout(() => {
      this.logger.warn(`Still busy after ${this.timeoutMs} ms${this.closingNow ? ` (closing ${this.closingNow})` : ''}: exiting anyway`);
      for (const r of this.resources) {
        try {
          r.onDeadline?.();
        } catch {
          // exiting anyway
        }
      }
      process.exit(1);
    }, this.timeoutMs);
  }

  private async closeAll(exitCode: number): Promise<never> {
    if (!this.signal) this.startDeadline();
    let code = exitCode;
    for (const resource of [...this.resources].reverse()) {
      this.closingNow = resource.name;
      try {
        await resource.close();
      } catch (err) {
        code = 1;
        this.logger.error(`Closing ${resource.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
    this.closingNow = null;
    process.exit(code);
  }
}
