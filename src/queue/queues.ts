/**
 * Every queue and job of duthao, with its payload, in one place. A job's id is derived from what
 * it is about, so adding the same work twice is a no-op (BullMQ keeps one job per id), and every
 * handler is idempotent as well, because BullMQ delivers at least once.
 */

export const QUEUES = {
  notifications: 'notifications',
  reminders: 'reminders',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Turn one outbox event into in-app notifications and e-mails. */
  'dispatch-event': { eventId: string };
  /** Send (or keep, without SMTP) one e-mail row. */
  'send-email': { emailId: string };
  /** A round's reminder `offsetMs` before `deadline` (0: at the deadline), to agencies still pending then. */
  'round-reminder': { roundId: string; offsetMs: number; deadline: string };
  /** A directive's reminder `offsetMs` before the end of its due date (0: overdue), if still open then. */
  'directive-reminder': { directiveId: string; offsetMs: number; dueDate: string };
}
export type JobName = keyof JobPayloads;

/** Which jobs each queue carries; a worker refuses to start if one of them has no handler. */
export const QUEUE_JOBS: Record<QueueName, readonly JobName[]> = {
  notifications: ['dispatch-event', 'send-email'],
  reminders: ['round-reminder', 'directive-reminder'],
};

/** Deterministic job ids (BullMQ ids may not contain ":"). */
export const jobId = {
  dispatch: (eventId: string) => `event-${eventId}`,
  email: (emailId: string) => `email-${emailId}`,
  roundReminder: (p: JobPayloads['round-reminder']) => `round-${p.roundId}-${p.offsetMs}-${Date.parse(p.deadline)}`,
  directiveReminder: (p: JobPayloads['directive-reminder']) => `directive-${p.directiveId}-${p.offsetMs}-${p.dueDate}`,
};
