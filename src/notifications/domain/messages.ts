import { dateText, provinceDateTimeText } from '../../common/time/province-time';
import { vnNumberText } from '../../common/vn-number';
import { DECISION_LABELS, DECISIONS, Decision } from '../../consultation/domain/disposition';

/**
 * What each notification says, in Vietnamese, and where it leads. Pure: the dispatcher gathers the
 * facts, this module words them (the same words in the app and in the e-mail).
 */
export type Message = {
  kind: string;
  title: string;
  body: string;
  path: string;
  /** What it is about: a person can mark read every notice about one subject at once. */
  subject: Subject;
  /** What happened, one line each with its own page (a digest). */
  items?: MessageItem[];
};
export const SUBJECT_TYPES = ['round', 'plan', 'directive', 'conference'] as const;
export type Subject = { type: (typeof SUBJECT_TYPES)[number]; id: string };
export type MessageItem = { text: string; path: string };

/** One decided comment of a digest. */
export interface DecidedComment {
  commentId: string;
  decision: Decision;
  reason: string | null;
  body: string;
}

/** One agency's response of a digest. */
export interface ReceivedResponse {
  agencyId: string;
  agencyName: string;
  noComments: boolean;
  late: boolean;
  reference: string | null;
}

/** One directive of a digest. */
export interface AssignedDirective {
  directiveId: string;
  task: string;
  dueDate: string;
}

/** "Sở Tài chính (muộn)": who answered, and whether after the deadline. */
const answeredBy = (r: Pick<ReceivedResponse, 'agencyName' | 'late'>) => `${r.agencyName}${r.late ? ' (muộn)' : ''}`;
/** What the response says: no comments, or comments. */
const answered = (r: Pick<ReceivedResponse, 'noComments'>) => (r.noComments ? 'thống nhất, không có ý kiến' : 'đã gửi ý kiến góp ý');
/** " (văn bản số 12/STC)", when the response has a reference number. */
const referenced = (r: Pick<ReceivedResponse, 'reference'>) => (r.reference ? ` (văn bản số ${r.reference})` : '');
/** "Hoàn thành 5 hợp tác xã điểm (thời hạn: 31/12/2022)". */
const dueBy = (d: AssignedDirective) => `${excerpt(d.task, 120)} (thời hạn: ${dateText(d.dueDate)})`;

export const MESSAGES = {
  roundOpened: (f: { planTitle: string; roundTitle: string; versionNumber: number; deadline: Date; roundId: string }): Message => ({
    kind: 'round_opened',
    title: `Đề nghị góp ý: ${f.planTitle}`,
    body: `Đơn vị được đề nghị góp ý dự thảo lần ${f.versionNumber} (${f.roundTitle}). Hạn gửi văn bản góp ý: ${provinceDateTimeText(f.deadline)}.`,
    path: `/rounds/${f.roundId}`,
    subject: { type: 'round', id: f.roundId },
  }),

  roundReminder: (f: { planTitle: string; deadline: Date; roundId: string; offsetMs: number }): Message => {
    const days = Math.round(f.offsetMs / 86_400_000);
    const hours = Math.round(f.offsetMs / 3_600_000);
    const left = days >= 1 ? `${days} ngày` : hours >= 1 ? `${hours} giờ` : 'ít phút';
    return f.offsetMs > 0
      ? {
          kind: 'round_reminder',
          title: `Nhắc góp ý: còn ${left} đến hạn`,
          body: `Đơn vị chưa gửi văn bản góp ý về ${f.planTitle}. Hạn gửi: ${provinceDateTimeText(f.deadline)}.`,
          path: `/rounds/${f.roundId}`,
          subject: { type: 'round', id: f.roundId },
        }
      : {
          kind: 'round_overdue',
          title: `Đã quá hạn góp ý: ${f.planTitle}`,
          body: `Hạn gửi văn bản góp ý (${provinceDateTimeText(f.deadline)}) đã qua mà đơn vị chưa gửi. Văn bản gửi muộn vẫn được tiếp nhận và ghi nhận là muộn.`,
          path: `/rounds/${f.roundId}`,
          subject: { type: 'round', id: f.roundId },
        };
  },

  remindNow: (f: { planTitle: string; deadline: Date; roundId: string }): Message => ({
    kind: 'round_reminder',
    title: `Nhắc góp ý: ${f.planTitle}`,
    body: `Cơ quan chủ trì đề nghị đơn vị gửi văn bản góp ý. Hạn gửi: ${provinceDateTimeText(f.deadline)}.`,
    path: `/rounds/${f.roundId}`,
    subject: { type: 'round', id: f.roundId },
  }),

  deadlineChanged: (f: { planTitle: string; deadline: Date; roundId: string }): Message => ({
    kind: 'round_deadline_changed',
    title: `Thay đổi hạn góp ý: ${f.planTitle}`,
    body: `Hạn gửi văn bản góp ý mới: ${provinceDateTimeText(f.deadline)}.`,
    path: `/rounds/${f.roundId}`,
    subject: { type: 'round', id: f.roundId },
  }),

  responseReceived: (f: { planTitle: string; roundId: string } & Omit<ReceivedResponse, 'agencyId'>): Message => ({
    kind: 'response_received',
    title: `${f.agencyName} đã gửi văn bản góp ý${f.late ? ' (muộn)' : ''}`,
    body: `${f.agencyName} ${answered(f)} về ${f.planTitle}${referenced(f)}.`,
    path: `/rounds/${f.roundId}`,
    subject: { type: 'round', id: f.roundId },
  }),

  /**
   * The responses to one round within a digest's window, for the secretariat: one of them says it
   * all; more are counted and named, each with its line on the round's tracker.
   */
  responsesReceived: (f: { planTitle: string; versionNumber: number; roundId: string; responses: ReceivedResponse[] }): Message => {
    if (f.responses.length === 1) return MESSAGES.responseReceived({ planTitle: f.planTitle, roundId: f.roundId, ...f.responses[0] });
    const n = vnNumberText(f.responses.length);
    return {
      kind: 'response_received',
      title: `${n} đơn vị đã gửi văn bản góp ý: ${f.planTitle}`,
      body: `${n} đơn vị đã gửi ý kiến về Dự thảo lần ${f.versionNumber} (${f.planTitle}): ${f.responses.map(answeredBy).join(', ')}.`,
      path: `/rounds/${f.roundId}`,
      subject: { type: 'round', id: f.roundId },
      items: f.responses.map((r) => ({ text: `${answeredBy(r)}: ${answered(r)}${referenced(r)}`, path: `/rounds/${f.roundId}/tracker#agency-${r.agencyId}` })),
    };
  },

  roundClosed: (f: { planTitle: string; roundTitle: string; responded: number; invited: number; roundId: string }): Message => ({
    kind: 'round_closed',
    title: `Đã kết thúc đợt lấy ý kiến: ${f.roundTitle}`,
    body: `${f.responded}/${f.invited} đơn vị đã trả lời về ${f.planTitle}. Đề nghị tổng hợp, giải trình, tiếp thu các ý kiến.`,
    path: `/rounds/${f.roundId}`,
    subject: { type: 'round', id: f.roundId },
  }),

  dispositionPublished: (f: { planTitle: string; roundId: string } & DecidedComment): Message => ({
    kind: 'disposition_published',
    title: `Ý kiến của đơn vị đã được xử lý: ${DECISION_LABELS[f.decision].vi}`,
    body: `Cơ quan chủ trì đã ${DECISION_LABELS[f.decision].vi.toLowerCase()} ý kiến góp ý của đơn vị về ${f.planTitle}: "${excerpt(f.body, 160)}".${f.reason ? ` Lý do: ${excerpt(f.reason)}` : ''}`,
    path: `/rounds/${f.roundId}#comment-${f.commentId}`,
    subject: { type: 'round', id: f.roundId },
  }),

  /**
   * The decisions on the agency's comments in one round within a digest's window: one of them says
   * it all; more are counted by decision and listed, each with its link.
   */
  dispositionsDecided: (f: { planTitle: string; versionNumber: number; roundId: string; comments: DecidedComment[] }): Message => {
    if (f.comments.length === 1) return MESSAGES.dispositionPublished({ planTitle: f.planTitle, roundId: f.roundId, ...f.comments[0] });
    const counts = DECISIONS.map((d) => ({ d, n: f.comments.filter((c) => c.decision === d).length })).filter((x) => x.n > 0);
    const said = counts.map(({ d, n }) => `${DECISION_LABELS[d].vi.toLowerCase()} ${n}`).join(', ');
    return {
      kind: 'disposition_published',
      title: `Kết quả xử lý ${f.comments.length} ý kiến góp ý của đơn vị: ${f.planTitle}`,
      body: `Cơ quan chủ trì đã ${said} ý kiến của đơn vị về Dự thảo lần ${f.versionNumber} (${f.planTitle}).`,
      path: `/rounds/${f.roundId}`,
      subject: { type: 'round', id: f.roundId },
      items: DECISIONS.flatMap((d) =>
        f.comments
          .filter((c) => c.decision === d)
          .map((c) => ({ text: `${DECISION_LABELS[d].vi}: "${excerpt(c.body, 120)}"`, path: `/rounds/${f.roundId}#comment-${c.commentId}` })),
      ),
    };
  },

  approvalRequested: (f: { planTitle: string; versionNumber: number; planId: string }): Message => ({
    kind: 'approval_requested',
    title: `Trình phê duyệt: ${f.planTitle}`,
    body: `Dự thảo lần ${f.versionNumber} đang chờ đồng chí xem xét, phê duyệt.`,
    path: `/plans/${f.planId}/approval`,
    subject: { type: 'plan', id: f.planId },
  }),

  stepApproved: (f: { planTitle: string; leaderName: string; planId: string }): Message => ({
    kind: 'approval_step_approved',
    title: `${f.leaderName} đã phê duyệt`,
    body: `${f.leaderName} đã phê duyệt ${f.planTitle}; hồ sơ chuyển bước tiếp theo.`,
    path: `/plans/${f.planId}/approval`,
    subject: { type: 'plan', id: f.planId },
  }),

  planApproved: (f: { planTitle: string; versionNumber: number; planId: string }): Message => ({
    kind: 'plan_approved',
    title: `Đã phê duyệt: ${f.planTitle}`,
    body: `Dự thảo lần ${f.versionNumber} đã được phê duyệt và khóa.`,
    path: `/plans/${f.planId}`,
    subject: { type: 'plan', id: f.planId },
  }),

  planReturned: (f: { planTitle: string; leaderName: string; note: string | null; planId: string }): Message => ({
    kind: 'plan_returned',
    title: `Trả lại để chỉnh sửa: ${f.planTitle}`,
    body: `${f.leaderName} đã trả lại hồ sơ.${f.note ? ` Ý kiến: ${excerpt(f.note)}` : ''}`,
    path: `/plans/${f.planId}/approval`,
    subject: { type: 'plan', id: f.planId },
  }),

  directiveAssigned: (f: { conferenceTitle: string } & AssignedDirective): Message => ({
    kind: 'directive_assigned',
    title: `Nhiệm vụ được giao: ${excerpt(f.task, 120)}`,
    body: `Tại ${f.conferenceTitle}, đơn vị được giao: ${f.task}. Thời hạn: ${dateText(f.dueDate)}.`,
    path: `/directives/${f.directiveId}`,
    subject: { type: 'directive', id: f.directiveId },
  }),

  /**
   * The directives one conference gave the agency within a digest's window: one of them says it
   * all; more are counted and listed, each with its due date and its page.
   */
  directivesAssigned: (f: { conferenceTitle: string; conferenceId: string; directives: AssignedDirective[] }): Message => {
    if (f.directives.length === 1) return MESSAGES.directiveAssigned({ conferenceTitle: f.conferenceTitle, ...f.directives[0] });
    const n = vnNumberText(f.directives.length);
    return {
      kind: 'directive_assigned',
      title: `${n} nhiệm vụ được giao: ${excerpt(f.conferenceTitle, 120)}`,
      body: `${f.conferenceTitle} giao ${n} nhiệm vụ cho đơn vị: ${f.directives.map(dueBy).join('; ')}.`,
      path: '/directives',
      subject: { type: 'conference', id: f.conferenceId },
      items: f.directives.map((d) => ({ text: dueBy(d), path: `/directives/${d.directiveId}` })),
    };
  },

  directiveReminder: (f: { task: string; dueDate: string; directiveId: string; offsetMs: number }): Message =>
    f.offsetMs > 0
      ? {
          kind: 'directive_due_soon',
          title: `Sắp đến hạn nhiệm vụ: ${excerpt(f.task, 120)}`,
          body: `Nhiệm vụ "${f.task}" đến hạn ngày ${dateText(f.dueDate)}. Đề nghị báo cáo kết quả.`,
          path: `/directives/${f.directiveId}`,
          subject: { type: 'directive', id: f.directiveId },
        }
      : {
          kind: 'directive_overdue',
          title: `Quá hạn nhiệm vụ: ${excerpt(f.task, 120)}`,
          body: `Nhiệm vụ "${f.task}" đã quá hạn (ngày ${dateText(f.dueDate)}) mà chưa hoàn thành.`,
          path: `/directives/${f.directiveId}`,
          subject: { type: 'directive', id: f.directiveId },
        },
};

/** The first characters of a long text, cut at a word. */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}
