import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs a compiled entry point (<root>/dist/…) as a real process, as an operator would. */
export function runNode(entry: string, env: Record<string, string>, args: string[] = [], root = ROOT): Proc {
  const file = join(root, 'dist', entry);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does it)`);
  const child = spawn(process.execPath, [file, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Polls a URL until it answers `status` (or the process dies, or time runs out). */
export async function waitFor(url: string, proc: Proc, status = 200, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`process exited before ${url} answered:\n${proc.output()}`);
    try {
      const res = await fetch(url);
      if (res.status === status) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer ${status} in time:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves as soon as the process has written `text` (on the data event, not by polling). */
export function printed(proc: Proc, text: string, timeoutMs = 60_000): Promise<void> {
  const { child } = proc;
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (!proc.output().includes(text)) return;
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`"${text}" not printed within ${timeoutMs} ms:\n${proc.output()}`));
    }, timeoutMs);
    const onExit = () => {
      done();
      reject(new Error(`process exited before printing "${text}":\n${proc.output()}`));
    };
    const done = () => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.stderr!.off('data', check);
      child.off('exit', onExit);
    };
    // Listeners added after runNode's own, so the output already holds the chunk being checked.
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', onExit);
    check();
    if (child.exitCode !== null || child.signalCode !== null) onExit();
  });
}
