/**
 * A server of the API benchmark as a process of its own: a compiled entry point of dist-bench/. Its
 * stdout (the app's JSON log, a line per request) goes to a pipe, as to a container's log collector;
 * only error lines (and stderr) are kept, so that a long run does not pile the log up in memory.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Proc } from '../../test/support/processes';

export function runServer(root: string, entry: string, env: Record<string, string>, profile?: { dir: string; name: string }): Proc {
  const args = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile.dir}`, `--cpu-prof-name=${profile.name}-${Date.now()}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...args, join(root, 'dist-bench', entry)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let kept = '';
  let partial = '';
  child.stderr!.on('data', (c: Buffer) => (kept = (kept + c.toString()).slice(-20_000)));
  child.stdout!.on('data', (c: Buffer) => {
    const lines = (partial + c.toString()).split('\n');
    partial = lines.pop()!.slice(-100_000);
    for (const l of lines) if (/"level":(50|60)/.test(l)) kept = (kept + l.slice(0, 2000) + '\n').slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => kept, exited };
}

/** SIGTERM, and SIGKILL if the process has not exited 15 s later. */
export async function stopServer(proc: Proc | null): Promise<void> {
  if (!proc || proc.child.exitCode !== null) return;
  proc.child.kill('SIGTERM');
  const hung = await Promise.race([proc.exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 15_000))]);
  if (hung) {
    proc.child.kill('SIGKILL');
    await proc.exited;
  }
}
