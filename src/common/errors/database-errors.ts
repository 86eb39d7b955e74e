import { conflict, DomainError, Text } from './domain-error';

/**
 * Unique constraints that two requests at the same moment can both pass the service's check for
 * and then collide on. Whichever service hit one, the loser gets a 409 saying what was already
 * there, not a 500. Every unique index of migrations/ is listed (a spec checks this against the
 * database).
 */
export const UNIQUE_VIOLATIONS: Record<string, Text> = {
  agencies_code_key: { vi: 'Mã đơn vị này đã được dùng.', en: 'This agency code is taken.' },
  agencies_pkey: { vi: 'Đơn vị này đã có.', en: 'This agency already exists.' },
  users_email_key: { vi: 'Địa chỉ e-mail này đã có tài khoản.', en: 'This e-mail address already has an account.' },
  users_pkey: { vi: 'Tài khoản này đã có.', en: 'This account already exists.' },
  plans_pkey: { vi: 'Kế hoạch này đã có.', en: 'This plan already exists.' },
  plan_versions_pkey: {
    vi: 'Một dự thảo mới vừa được chốt cùng lúc; hãy tải lại để xem số dự thảo mới nhất.',
    en: 'Another version was frozen at the same moment; reload to see the latest version number.',
  },
  plan_version_diffs_pkey: {
    vi: 'So sánh hai dự thảo này vừa được lưu cùng lúc; hãy tải lại.',
    en: 'The comparison of these two versions was just stored at the same moment; reload.',
  },
  rounds_pkey: { vi: 'Đợt lấy ý kiến này đã có.', en: 'This round already exists.' },
  rounds_one_open_per_plan: {
    vi: 'Kế hoạch đã có một đợt lấy ý kiến đang mở; hãy đóng đợt đó trước.',
    en: 'The plan already has an open round; close it first.',
  },
  round_agencies_pkey: { vi: 'Đơn vị này đã được mời vào đợt lấy ý kiến.', en: 'This agency is already invited to the round.' },
  responses_pkey: { vi: 'Văn bản góp ý này đã có.', en: 'This response already exists.' },
  responses_one_active: {
    vi: 'Đơn vị đã gửi văn bản góp ý cho đợt này; muốn gửi lại thì rút văn bản đã gửi trước.',
    en: 'The agency has already responded to this round; withdraw that response to send another.',
  },
  response_letters_pkey: {
    vi: 'Công văn của văn bản góp ý này vừa được đính kèm cùng lúc; hãy tải lại trang.',
    en: 'The letter of this response was just attached by another request; reload.',
  },
  comments_pkey: { vi: 'Ý kiến này đã có.', en: 'This comment already exists.' },
  comments_opinion_once: {
    vi: 'Ý kiến này của hội nghị đã được đưa vào đợt lấy ý kiến này (có thể bởi một yêu cầu gửi cùng lúc).',
    en: 'This conference opinion is already in this round (perhaps by a request sent at the same moment).',
  },
  comment_anchors_pkey: {
    vi: 'Vị trí của ý kiến ở dự thảo này vừa được ghi cùng lúc; vui lòng thử lại.',
    en: "The comment's place in this version was written at the same moment; try again.",
  },
  approvals_pkey: { vi: 'Hồ sơ trình duyệt này đã có.', en: 'This approval already exists.' },
  approvals_one_pending_per_plan: { vi: 'Kế hoạch đang chờ phê duyệt.', en: 'The plan is already awaiting approval.' },
  approval_steps_pkey: { vi: 'Bước phê duyệt này đã có.', en: 'This approval step already exists.' },
  conferences_pkey: { vi: 'Hội nghị này đã có.', en: 'This conference already exists.' },
  directives_pkey: { vi: 'Nhiệm vụ này đã có.', en: 'This directive already exists.' },
  directives_conference_id_position_key: {
    vi: 'Các nhiệm vụ của hội nghị vừa được giao cùng lúc bởi một yêu cầu khác.',
    en: "The conference's directives were just assigned by another request.",
  },
  directive_progress_pkey: { vi: 'Báo cáo tiến độ này đã có.', en: 'This progress entry already exists.' },
  documents_pkey: { vi: 'Văn bản này đã có.', en: 'This document already exists.' },
  documents_input_hash_format_key: {
    vi: 'Văn bản với cùng nội dung và định dạng vừa được yêu cầu.',
    en: 'A document of the same input and format was just requested.',
  },
  digests_pkey: { vi: 'Bản tổng hợp thông báo này đã có.', en: 'This notification digest already exists.' },
  digests_one_open: {
    vi: 'Bản tổng hợp thông báo về đối tượng này vừa được mở cùng lúc; vui lòng thử lại.',
    en: 'A digest for this subject was opened at the same moment; try again.',
  },
  digest_items_pkey: { vi: 'Sự kiện này đã có trong bản tổng hợp thông báo.', en: 'This event is already in a digest.' },
  signing_keys_pkey: {
    vi: 'Chứng thư của cơ quan vừa được tạo cùng lúc; vui lòng thử lại.',
    en: "The organisation's certificate was made at the same moment; try again.",
  },
  approved_documents_pkey: { vi: 'Bản phê duyệt có chữ ký số của lần phê duyệt này đã có.', en: 'The signed document of this approval already exists.' },
  approved_documents_document_id_key: {
    vi: 'Văn bản này đã là bản phê duyệt của một lần phê duyệt khác.',
    en: 'This document is already the signed document of another approval.',
  },
  signed_copies_pkey: { vi: 'Bản ký số này đã có.', en: 'This signed copy already exists.' },
  signed_copies_approval_id_sha256_key: { vi: 'Bản ký số này đã được nộp.', en: 'This signed copy was already filed.' },
  document_files_pkey: { vi: 'Tệp của văn bản này đã có.', en: 'The file of this document already exists.' },
  notifications_pkey: { vi: 'Thông báo này đã có.', en: 'This notification already exists.' },
  notifications_event_key_user_id_key: { vi: 'Thông báo này đã được gửi.', en: 'This notification was already sent.' },
  emails_pkey: { vi: 'E-mail này đã có.', en: 'This e-mail already exists.' },
  emails_event_key_user_id_key: { vi: 'E-mail này đã được gửi.', en: 'This e-mail was already sent.' },
  idempotency_keys_pkey: {
    vi: 'Yêu cầu với Idempotency-Key này vừa được gửi cùng lúc; vui lòng thử lại sau giây lát.',
    en: 'A request with this Idempotency-Key was sent at the same moment; try again shortly.',
  },
  login_failures_pkey: { vi: 'Có nhiều lần đăng nhập cùng lúc; vui lòng thử lại.', en: 'Several sign-ins at the same moment; try again.' },
  app_settings_pkey: { vi: 'Thiết lập này vừa được ghi cùng lúc; vui lòng thử lại.', en: 'This setting was written at the same moment; try again.' },
  audit_log_pkey: { vi: 'Có thay đổi khác được ghi cùng lúc; vui lòng thử lại.', en: 'Another change was recorded at the same moment; try again.' },
  audit_log_seq_key: { vi: 'Nhật ký đang được niêm phong ở nơi khác; vui lòng thử lại.', en: 'The audit log is being sealed elsewhere; try again.' },
  audit_nodes_pkey: { vi: 'Nhật ký đang được niêm phong ở nơi khác; vui lòng thử lại.', en: 'The audit log is being sealed elsewhere; try again.' },
  audit_checkpoints_pkey: { vi: 'Nhật ký đang được niêm phong ở nơi khác; vui lòng thử lại.', en: 'The audit log is being sealed elsewhere; try again.' },
  outbox_events_pkey: { vi: 'Có thay đổi khác được ghi cùng lúc; vui lòng thử lại.', en: 'Another change was recorded at the same moment; try again.' },
  sessions_pkey: { vi: 'Có nhiều lần đăng nhập cùng lúc; vui lòng thử lại.', en: 'Several sign-ins at the same moment; try again.' },
  disposition_reasons_pkey: { vi: 'Lý do mẫu này đã có.', en: 'This reason template already exists.' },
  disposition_reasons_text_key: { vi: 'Đã có lý do mẫu với nội dung này.', en: 'A reason template with this text already exists.' },
};

const SOME_UNIQUE: Text = {
  vi: 'Thao tác trùng với một thay đổi khác vừa được ghi cùng lúc; hãy tải lại và thử lại.',
  en: 'This collides with another change made at the same moment; reload and try again.',
};

interface PgError {
  code?: unknown;
  constraint?: unknown;
}

/**
 * A PostgreSQL error that is the request's fault or a race, as the domain error it stands for; null
 * for anything else (which stays a 500, a bug to fix). TypeORM's QueryFailedError carries the
 * driver's `code` and `constraint`.
 */
export function fromDatabaseError(err: unknown): DomainError | null {
  if (err === null || typeof err !== 'object') return null;
  const { code, constraint } = err as PgError;
  if (code !== '23505') return null;
  const text = (typeof constraint === 'string' && UNIQUE_VIOLATIONS[constraint]) || SOME_UNIQUE;
  return conflict('already_exists', text);
}
