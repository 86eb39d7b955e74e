import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

/**
 * CPU time (ms) used so far by the processes of the given names (/proc/<pid>/stat), summed: the
 * servers on the same two cores as the app, whose work a run's time includes but the app's own
 * process.cpuUsage() does not. A process that ends between two readings is lost, so compare runs of
 * long-lived servers only (PostgreSQL's backends live as long as the pool's connections).
 */
export function serverCpuMs(names: readonly string[]): Record<string, number> {
  const totals = Object.fromEntries(names.map((n) => [n, 0]));
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid …": comm may hold spaces, so read after its last ')'.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (!(comm in totals)) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of the line (utime, stime) are the 12th and 13th after comm.
    totals[comm] += ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  }
  return totals;
}

/** The CPU time the named servers used between two readings. */
export function cpuSince(before: Record<string, number>): Record<string, number> {
  const now = serverCpuMs(Object.keys(before));
  return Object.fromEntries(Object.keys(before).map((n) => [n, now[n] - before[n]]));
}
