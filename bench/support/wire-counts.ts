import Redis from 'ioredis';
import { Client } from 'pg';

/** What is being counted now, if anything (one copy of pg and of ioredis serves the app, TypeORM and BullMQ). */
let counting: { sql: number; redis: number } | null = null;
let patched = false;

/** Patches pg's Client and ioredis's Redis, once, to count what this process sends while `counting`. */
function patch(): void {
  if (patched) return;
  patched = true;
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    if (counting) counting.sql++;
    return query.apply(this, args);
  } as typeof Client.prototype.query;
  const send = Redis.prototype.sendCommand;
  Redis.prototype.sendCommand = function (this: Redis, ...args: Parameters<typeof send>) {
    if (counting) counting.redis++;
    return send.apply(this, args);
  };
}

/**
 * SQL statements and Redis commands sent by this process between start() and stop(). Unlike times,
 * these hardly move with the load on the machine, so what a change does to the work shows plainly.
 */
export class WireCounts {
  constructor() {
    patch();
  }

  start(): void {
    counting = { sql: 0, redis: 0 };
  }

  stop(): { sql: number; redis: number } {
    const counted = counting ?? { sql: 0, redis: 0 };
    counting = null;
    return counted;
  }
}
