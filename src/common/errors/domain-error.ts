/** A sentence for a person, Vietnamese first with English alongside. */
export interface Text {
  vi: string;
  en: string;
}

/**
 * What went wrong, by kind. One filter maps each kind to its HTTP status; services never
 * throw HTTP exceptions themselves.
 */
export const ERROR_STATUS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  illegal_transition: 409,
  undecided_comments: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  unprocessable: 422,
  precondition_required: 428,
  too_many_requests: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Text | Text[],
    /** Extra machine-readable fields added to the error body (e.g. `currentStatus`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(Array.isArray(text) ? text.map((t) => t.en).join('; ') : text.en);
    this.name = 'DomainError';
  }
}

export const invalid = (text: Text | Text[], details?: Record<string, unknown>) => new DomainError('invalid', text, details);

export const notFound = (what: Text) =>
  new DomainError('not_found', { vi: `Không tìm thấy ${what.vi}.`, en: `${capitalise(what.en)} not found.` });

export const forbidden = (text: Text = { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You may not do this.' }) =>
  new DomainError('forbidden', text);

export const conflict = (text: Text, details?: Record<string, unknown>) => new DomainError('conflict', text, details);

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
