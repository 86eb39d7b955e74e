import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENCY_KEY_IGNORED = 'duthao:idempotency-key-ignored';

/**
 * The route's answers are never kept by the idempotency store, whatever `Idempotency-Key` says:
 * for answers that carry a secret (a login's access token), which must not lie in the database,
 * and whose replay would hand that secret to anyone who sends the same key and body.
 */
export const IdempotencyKeyIgnored = () => SetMetadata(IDEMPOTENCY_KEY_IGNORED, true);
