import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pendingAgencyIds } from '../consultation/pending-agencies';
import type { Decision } from '../consultation/domain/disposition';
import { AppConfig } from '../config/app-config';
import { Deliveries } from './deliveries';
import { Digests } from './digests';
import type { OutboxEvent } from '../queue/outbox-events';
import type { DigestKind } from './digest-kinds';
import { Message, MESSAGES, Subject } from './domain/messages';
import { Recipient, secretariatOf, user, usersOfAgencies } from './recipients';
import { RemindersService } from './reminders.service';

interface RoundFacts {
  id: string;
  plan_id: string;
  title: string;
  version_number: number;
  deadline: Date;
  status: string;
  opened_by: string;
  closed_by: string | null;
  plan_title: string;
}

/**
 * Who hears what (docs/lifecycle.md, "Notifications"): one outbox event in, its messages out. Facts are
 * read when the event is delivered; recipients that depend on answers ("never those that
 * answered") are worked out then too.
 */
@Injectable()
export class Dispatcher {
  private readonly logger = new Logger(Dispatcher.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deliveries: Deliveries,
    private readonly digests: Digests,
    private readonly reminders: RemindersService,
    private readonly config: AppConfig,
  ) {}

  async dispatch(eventId: string): Promise<void> {
    const [row]: { type: string; payload: unknown }[] = await this.db.query('SELECT type, payload FROM outbox_events WHERE id = $1', [eventId]);
    if (!row) return;
    // Written by this code base through the typed Tx.emit (queue/outbox-events.ts).
    const event = row as OutboxEvent;
    const key = `event-${eventId}`;
    switch (event.type) {
      case 'round.opened': {
        const round = await this.round(event.payload.roundId);
        const agencies: { agency_id: string }[] = await this.db.query('SELECT agency_id FROM round_agencies WHERE round_id = $1', [round.id]);
        const message = MESSAGES.roundOpened({
          planTitle: round.plan_title,
          roundTitle: round.title,
          versionNumber: round.version_number,
          deadline: round.deadline,
          roundId: round.id,
        });
        await this.deliveries.deliver(
          key,
          await usersOfAgencies(
            this.db,
            agencies.map((a) => a.agency_id),
          ),
          () => message,
        );
        if (round.status === 'open') await this.reminders.scheduleRound(round.id, round.deadline);
        return;
      }
      case 'round.reminder_requested': {
        const round = await this.round(event.payload.roundId);
        if (round.status !== 'open') return;
        const stillPending = new Set(await pendingAgencyIds(this.db, round.id));
        const agencies = event.payload.agencyIds.filter((a) => stillPending.has(a));
        const message = MESSAGES.remindNow({ planTitle: round.plan_title, deadline: round.deadline, roundId: round.id });
        await this.deliveries.deliver(key, await usersOfAgencies(this.db, agencies), () => message);
        return;
      }
      case 'round.deadline_changed': {
        const round = await this.round(event.payload.roundId);
        await this.reminders.cancelRound(round.id, new Date(event.payload.previousDeadline));
        if (round.status !== 'open') return;
        await this.reminders.scheduleRound(round.id, round.deadline);
        const message = MESSAGES.deadlineChanged({ planTitle: round.plan_title, deadline: round.deadline, roundId: round.id });
        await this.deliveries.deliver(key, await usersOfAgencies(this.db, await pendingAgencyIds(this.db, round.id)), () => message);
        return;
      }
      case 'response.submitted': {
        const round = await this.round(event.payload.roundId);
        const [r]: { name: string; no_comments: boolean; late: boolean; reference: string | null }[] = await this.db.query(
          'SELECT a.name, rs.no_comments, rs.late, rs.reference FROM responses rs JOIN agencies a ON a.id = rs.agency_id WHERE rs.id = $1',
          [event.payload.responseId],
        );
        if (!r) return;
        const recipients = await secretariatOf(this.db, round.plan_id, [round.opened_by]);
        // Responses come by the dozen near a deadline: a digest per person and round.
        await this.digestOrAtOnce(key, recipients, 'response_received', { type: 'round', id: round.id }, event.payload.responseId, () =>
          MESSAGES.responseReceived({
            planTitle: round.plan_title,
            agencyName: r.name,
            noComments: r.no_comments,
            late: r.late,
            reference: r.reference,
            roundId: round.id,
          }),
        );
        return;
      }
      case 'round.closed': {
        const round = await this.round(event.payload.roundId);
        await this.reminders.cancelRound(round.id, round.deadline);
        const [counts]: { invited: number; responded: number }[] = await this.db.query(
          `SELECT (SELECT count(*)::int FROM round_agencies WHERE round_id = $1) AS invited,
                  (SELECT count(*)::int FROM responses WHERE round_id = $1 AND withdrawn_at IS NULL) AS responded`,
          [round.id],
        );
        const message = MESSAGES.roundClosed({
          planTitle: round.plan_title,
          roundTitle: round.title,
          responded: counts.responded,
          invited: counts.invited,
          roundId: round.id,
        });
        await this.deliveries.deliver(key, await secretariatOf(this.db, round.plan_id, [round.opened_by, round.closed_by ?? round.opened_by]), () => message);
        return;
      }
      case 'disposition.recorded': {
        const [c]: { decision: Decision | null; reason: string | null; body: string; round_id: string; agency_id: string; plan_title: string }[] =
          await this.db.query(
            `SELECT c.decision, c.reason, c.body, c.round_id, c.agency_id, p.title AS plan_title
             FROM comments c JOIN rounds r ON r.id = c.round_id JOIN plans p ON p.id = r.plan_id WHERE c.id = $1`,
            [event.payload.commentId],
          );
        const decision = c?.decision;
        if (!decision) return;
        // Decisions come by the dozen: a digest per person and round.
        await this.digestOrAtOnce(
          key,
          await usersOfAgencies(this.db, [c.agency_id]),
          'disposition_published',
          { type: 'round', id: c.round_id },
          event.payload.commentId,
          () =>
            MESSAGES.dispositionPublished({
              planTitle: c.plan_title,
              decision,
              reason: c.reason,
              body: c.body,
              roundId: c.round_id,
              commentId: event.payload.commentId,
            }),
        );
        return;
      }
      case 'approval.step_reached': {
        const a = await this.approval(event.payload.approvalId);
        const message = MESSAGES.approvalRequested({ planTitle: a.plan_title, versionNumber: a.version_number, planId: a.plan_id });
        await this.deliveries.deliver(key, await user(this.db, event.payload.approverId), () => message);
        return;
      }
      case 'approval.step_approved': {
        const a = await this.approval(event.payload.approvalId);
        const message = MESSAGES.stepApproved({ planTitle: a.plan_title, leaderName: await this.name(event.payload.approverId), planId: a.plan_id });
        await this.deliveries.deliver(key, await secretariatOf(this.db, a.plan_id, [a.created_by]), () => message);
        return;
      }
      case 'plan.approved': {
        const a = await this.approval(event.payload.approvalId);
        const message = MESSAGES.planApproved({ planTitle: a.plan_title, versionNumber: a.version_number, planId: a.plan_id });
        await this.deliveries.deliver(key, await secretariatOf(this.db, a.plan_id, [a.created_by]), () => message);
        return;
      }
      case 'plan.returned': {
        const a = await this.approval(event.payload.approvalId);
        const [step]: { approver_id: string; note: string | null }[] = await this.db.query(
          `SELECT approver_id, note FROM approval_steps WHERE approval_id = $1 AND state = 'returned'`,
          [a.id],
        );
        const message = MESSAGES.planReturned({
          planTitle: a.plan_title,
          leaderName: step ? await this.name(step.approver_id) : 'Lãnh đạo',
          note: step?.note ?? null,
          planId: a.plan_id,
        });
        await this.deliveries.deliver(key, await secretariatOf(this.db, a.plan_id, [a.created_by]), () => message);
        return;
      }
      case 'directive.assigned': {
        const [d]: { agency_id: string; task: string; due_date: string; status: string; conference_id: string; conference_title: string }[] =
          await this.db.query(
            `SELECT d.agency_id, d.task, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.status, d.conference_id, c.title AS conference_title
             FROM directives d JOIN conferences c ON c.id = d.conference_id WHERE d.id = $1`,
            [event.payload.directiveId],
          );
        if (!d) return;
        // Minutes give several tasks at once: a digest per person and conference. The reminders are
        // scheduled now, whenever the digest closes.
        await this.digestOrAtOnce(
          key,
          await usersOfAgencies(this.db, [d.agency_id]),
          'directive_assigned',
          { type: 'conference', id: d.conference_id },
          event.payload.directiveId,
          () => MESSAGES.directiveAssigned({ task: d.task, dueDate: d.due_date, conferenceTitle: d.conference_title, directiveId: event.payload.directiveId }),
        );
        if (d.status === 'open') await this.reminders.scheduleDirective(event.payload.directiveId, d.due_date);
        return;
      }
      case 'document.requested':
      case 'approval.seal_requested':
        return; // relayed to the renderers, not to people (queues.ts jobForEvent)
      default:
        this.logger.warn(`No notification for event type "${(event as { type: string }).type}" (event ${eventId})`);
    }
  }

  /**
   * Into the recipients' open digest of this kind and subject while NOTIFY_DIGEST_SECONDS is set
   * (digest-kinds.ts words it when it closes); with 0, this event's own message at once.
   */
  private async digestOrAtOnce(
    key: string,
    recipients: Recipient[],
    kind: DigestKind,
    subject: Subject,
    itemId: string,
    message: () => Message,
  ): Promise<void> {
    if (this.config.notifyDigestSeconds > 0) await this.digests.add(key, recipients, kind, subject, itemId);
    else await this.deliveries.deliver(key, recipients, message);
  }

  private async round(id: string): Promise<RoundFacts> {
    const [round]: RoundFacts[] = await this.db.query(
      `SELECT r.id, r.plan_id, r.title, r.version_number, r.deadline, r.status, r.opened_by, r.closed_by, p.title AS plan_title
       FROM rounds r JOIN plans p ON p.id = r.plan_id WHERE r.id = $1`,
      [id],
    );
    if (!round) throw new Error(`round ${id} not found`);
    return round;
  }

  private async approval(id: string): Promise<{ id: string; plan_id: string; version_number: number; created_by: string; plan_title: string }> {
    const [a] = await this.db.query(
      'SELECT a.id, a.plan_id, a.version_number, a.created_by, p.title AS plan_title FROM approvals a JOIN plans p ON p.id = a.plan_id WHERE a.id = $1',
      [id],
    );
    if (!a) throw new Error(`approval ${id} not found`);
    return a;
  }

  private async name(userId: string): Promise<string> {
    const [u] = await user(this.db, userId);
    return u?.fullName ?? 'Lãnh đạo';
  }
}
