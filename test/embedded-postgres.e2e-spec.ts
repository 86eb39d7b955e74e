import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isAlive, Proc, runNode, waitFor } from './support/processes';

/**
 * With no DATABASE_URL the app starts its own PostgreSQL in a data folder: the data survives
 * restarts, a SIGKILLed app leaves a server that the next start adopts, a clean stop stops it,
 * and a stale pid file does not block the next start.
 */
describe('embedded PostgreSQL (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'duthao-embedded-'));
  let env: Record<string, string>;
  let base: string;
  let proc: Proc | null = null;

  const start = async () => {
    proc = runNode('main.js', env);
    await waitFor(`${base}/api/health`, proc);
    return proc;
  };
  const postmasterPid = () => Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const login = async () => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@embedded.test', password: 'admin-password' }),
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      ADMIN_EMAIL: 'admin@embedded.test',
      ADMIN_PASSWORD: 'admin-password',
      JWT_SECRET: 'embedded-test-secret-0123456789-0123456789',
      QUEUE_PREFIX: `duthao-embedded-${port}`,
      WORKERS: 'off',
    };
  });

  afterAll(async () => {
    if (proc && proc.child.exitCode === null) {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
    try {
      const pid = postmasterPid();
      if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
    } catch {
      // no server left
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps data across a SIGKILL, a clean stop and a stale pid file', async () => {
    let p = await start();
    const token = await login();
    const created = await fetch(`${base}/api/agencies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ code: 'LMHTX', name: 'Liên minh Hợp tác xã tỉnh' }),
    });
    expect(created.status).toBe(201);

    // Killed without a chance to clean up: PostgreSQL is left running, orphaned.
    const serverPid = postmasterPid();
    p.child.kill('SIGKILL');
    await p.exited;
    expect(isAlive(serverPid)).toBe(true);

    // The next start adopts it; the data is there.
    p = await start();
    expect(postmasterPid()).toBe(serverPid);
    const agencies = (await (await fetch(`${base}/api/agencies`, { headers: { authorization: `Bearer ${await login()}` } })).json()) as {
      items: { code: string }[];
    };
    expect(agencies.items.map((a: { code: string }) => a.code)).toEqual(['LMHTX']);

    // A clean stop stops the server it adopted.
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    for (let i = 0; i < 50 && isAlive(serverPid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(serverPid)).toBe(false);

    // A pid file left by a dead server does not block the next start.
    writeFileSync(join(dataDir, 'postgres', 'postmaster.pid'), `999999\n${join(dataDir, 'postgres')}\n0\n${env.EMBEDDED_PG_PORT}\n`);
    p = await start();
    expect(postmasterPid()).not.toBe(999999);
    const again = (await (await fetch(`${base}/api/agencies`, { headers: { authorization: `Bearer ${await login()}` } })).json()) as { total: number };
    expect(again.total).toBe(1);
    // Three starts and a cluster created: 56 s at a load of 13 on two cores, past Jest's default minute.
  }, 180_000);
});
