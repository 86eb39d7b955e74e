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
  // 409, by what stands in the way, so that a program can tell them apart without reading the message.
  illegal_transition: 409,
  undecided_comments: 409,
  already_exists: 409,
  agency_code_taken: 409,
  email_taken: 409,
  nothing_to_freeze: 409,
  round_closed: 409,
  response_submitted: 409,
  no_response: 409,
  comments_decided: 409,
  comment_submitted: 409,
  comment_draft: 409,
  minutes_missing: 409,
  minutes_finalized: 409,
  minutes_not_finalized: 409,
  conference_not_held: 409,
  opinion_carried: 409,
  reason_templates_full: 409,
  reason_template_taken: 409,
  document_not_ready: 409,
  request_in_progress: 409,
  job_not_failed: 409,
  not_approved: 409,
  signing_not_ready: 409,
  signed_copy_filed: 409,
  own_account: 409,
  last_admin: 409,
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

/** The codes of the 409s: what already is, or is not yet, in the way of the request. */
export type ConflictCode = { [K in ErrorCode]: (typeof ERROR_STATUS)[K] extends 409 ? K : never }[ErrorCode];

/** Refusals that say something of that name is already taken (a form shows them beside the field). */
export const TAKEN: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['already_exists', 'agency_code_taken', 'email_taken', 'reason_template_taken']);

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

export const notFound = (what: Text) => new DomainError('not_found', { vi: `Không tìm thấy ${what.vi}.`, en: `${capitalise(what.en)} not found.` });

export const forbidden = (text: Text = { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You may not do this.' }) => new DomainError('forbidden', text);

export const conflict = (code: ConflictCode, text: Text, details?: Record<string, unknown>) => new DomainError(code, text, details);

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
