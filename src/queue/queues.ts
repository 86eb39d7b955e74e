import type { OutboxEvent } from './outbox-events';

/**
 * Every queue and job of duthao, with its payload, in one place. A job's id is derived from what
 * it is about, so adding the same work twice is a no-op (BullMQ keeps one job per id), and every
 * handler is idempotent as well, because BullMQ delivers at least once.
 */

export const QUEUES = {
  notifications: 'notifications',
  reminders: 'reminders',
  documents: 'documents',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Turn one outbox event into in-app notifications and e-mails. */
  'dispatch-event': { eventId: string };
  /** Close one digest (its window has passed): one notice and one e-mail for all its events. */
  'flush-digest': { digestId: string };
  /** Send (or keep, without SMTP) the pending e-mail rows of one delivery's batch (`emails.batch`). */
  'send-emails': { eventKey: string; batch: number };
  /** Send (or keep) one e-mail row: the jobs of rows written before the batches, and their retries. */
  'send-email': { emailId: string };
  /** A round's reminder `offsetMs` before `deadline` (0: at the deadline), to agencies still pending then. */
  'round-reminder': { roundId: string; offsetMs: number; deadline: string };
  /** A directive's reminder `offsetMs` before the end of its due date (0: overdue), if still open then. */
  'directive-reminder': { directiveId: string; offsetMs: number; dueDate: string };
  /** Render one requested document to PDF and store it. */
  'render-document': { documentId: string };
  /** Render the approved version's PDF of an approval and seal it with the organisation's certificate. */
  'seal-approved': { approvalId: string };
}
export type JobName = keyof JobPayloads;

/** Every job also carries the request id that led to it (see observability/request-context.ts). */
export type JobData<N extends JobName> = JobPayloads[N] & { requestId?: string };

/** Which jobs each queue carries; a worker refuses to start if one of them has no handler. */
export const QUEUE_JOBS: Record<QueueName, readonly JobName[]> = {
  notifications: ['dispatch-event', 'flush-digest', 'send-emails', 'send-email'],
  reminders: ['round-reminder', 'directive-reminder'],
  documents: ['render-document', 'seal-approved'],
};

/** Deterministic job ids (BullMQ ids may not contain ":"). */
export const jobId = {
  dispatch: (eventId: string) => `event-${eventId}`,
  emails: (eventKey: string, batch: number) => `emails-${eventKey}-${batch}`,
  email: (emailId: string) => `email-${emailId}`,
  digest: (digestId: string) => `digest-${digestId}`,
  roundReminder: (p: JobPayloads['round-reminder']) => `round-${p.roundId}-${p.offsetMs}-${Date.parse(p.deadline)}`,
  directiveReminder: (p: JobPayloads['directive-reminder']) => `directive-${p.directiveId}-${p.offsetMs}-${p.dueDate}`,
  seal: (approvalId: string) => `seal-${approvalId}`,
  render: (documentId: string, attempt?: string) => `document-${documentId}${attempt ? `-${Date.parse(attempt)}` : ''}`,
};

/**
 * Where the outbox relay sends an event: a document request (and an approved plan to seal) straight to the renderers, every
 * other event to the notification dispatcher.
 */
export function jobForEvent(event: OutboxEvent & { id: string; requestId?: string | null }): { queue: QueueName; name: JobName; data: object; jobId: string } {
  const requestId = event.requestId ?? undefined;
  if (event.type === 'document.requested') {
    const { documentId, retry } = event.payload;
    return { queue: QUEUES.documents, name: 'render-document', data: { documentId, requestId }, jobId: jobId.render(documentId, retry) };
  }
  if (event.type === 'approval.seal_requested') {
    const { approvalId } = event.payload;
    return { queue: QUEUES.documents, name: 'seal-approved', data: { approvalId, requestId }, jobId: jobId.seal(approvalId) };
  }
  return { queue: QUEUES.notifications, name: 'dispatch-event', data: { eventId: event.id, requestId }, jobId: jobId.dispatch(event.id) };
}
