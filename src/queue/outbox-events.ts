/**
 * Every fact a change records in the outbox (in its own transaction), with its payload: the
 * notification dispatcher and the relay read them by these types, so a payload cannot drift
 * between the service that writes it and the worker that reads it.
 */
export interface OutboxEventPayloads {
  'round.opened': { roundId: string; planId: string };
  'round.closed': { roundId: string; planId: string };
  'round.deadline_changed': { roundId: string; deadline: string; previousDeadline: string };
  /** A reminder asked for now by the secretariat, to the agencies pending at that moment. */
  'round.reminder_requested': { roundId: string; agencyIds: string[]; at: string };
  'response.submitted': { roundId: string; agencyId: string; responseId: string; late: boolean };
  'disposition.recorded': { commentId: string; roundId: string; agencyId: string; planId: string };
  'approval.step_reached': { approvalId: string; planId: string; approverId: string; position: number };
  'approval.step_approved': { approvalId: string; planId: string; approverId: string };
  'plan.approved': { approvalId: string; planId: string; note: string | null };
  'plan.returned': { approvalId: string; planId: string; note: string | null };
  'directive.assigned': { directiveId: string; agencyId: string; dueDate: string; planId: string };
  /** `retry`: when a failed document was asked for again (a new job id for the new attempt). */
  'document.requested': { documentId: string; retry?: string };
  /** The last approver approved: the approved version's PDF is to be rendered and sealed. */
  'approval.seal_requested': { approvalId: string; planId: string };
}

export type OutboxEventType = keyof OutboxEventPayloads;

/** One event as written and read: its type, and the payload of that type. */
export type OutboxEvent = { [T in OutboxEventType]: { type: T; payload: OutboxEventPayloads[T] } }[OutboxEventType];
