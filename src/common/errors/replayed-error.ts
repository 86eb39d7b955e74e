import type { ErrorBody } from './error-body';

/** A stored error response played back by the idempotency store, exactly as it was first sent. */
export class ReplayedError extends Error {
  constructor(readonly body: ErrorBody) {
    super('replayed');
    this.name = 'ReplayedError';
  }
}
