/**
 * PostgreSQL transaction ids for the audit sealer's horizon. `audit_log.xid` is a 64-bit id (xid8:
 * epoch × 2^32 + xid); pg_stat_activity and pg_prepared_xacts show the 32-bit xid, which wraps.
 */
const EPOCH = 1n << 32n;
const HALF = 1n << 31n;

/**
 * The 64-bit id whose low 32 bits are `xid` and that lies less than 2^31 from `reference`. A
 * transaction that still runs is within 2^31 of the newest id (PostgreSQL stops handing out ids
 * before they wrap past the oldest one), so against the snapshot's xmax this is its true id: below
 * xmax it may be of the previous epoch, above it of the next.
 */
export function widenXid(xid: bigint, reference: bigint): bigint {
  const distance = ((((xid - (reference % EPOCH)) % EPOCH) + EPOCH + HALF) % EPOCH) - HALF;
  return reference + distance;
}

/** The least of `xmax` and the running transactions' ids (32-bit, widened against `xmax`). */
export function sealingHorizon(xmax: bigint, running: readonly bigint[]): bigint {
  return running.reduce((h, xid) => {
    const full = widenXid(xid, xmax);
    return full < h ? full : h;
  }, xmax);
}
