import type { RedisOptions } from 'ioredis';

/** ioredis options from a redis:// or rediss:// URL. */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** Longest wait for a queue's or worker's connection set-up before closing it anyway. */
const SET_UP_WAIT_MS = 5_000;

/**
 * BullMQ (5.x) ends the process when a queue or worker is closed while its Redis connection is
 * still being set up (connect, then INFO): close() removes the connection's listeners, then the
 * set-up it cut short emits 'error' with none left, and Node exits 1 — what a worker stopped just
 * after start did (taskforcesh/bullmq#2437). So a close first lets the set-up finish. While Redis
 * is unreachable the set-up never finishes, and close() then cancels it without an error: that
 * case waits at most SET_UP_WAIT_MS.
 */
export async function connectionSetUp(target: { waitUntilReady(): Promise<unknown> }): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const unreachable = new Promise<void>((resolve) => (timer = setTimeout(resolve, SET_UP_WAIT_MS)));
  await Promise.race([target.waitUntilReady().catch(() => undefined), unreachable]);
  clearTimeout(timer);
}
