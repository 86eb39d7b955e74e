import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock';
import { provinceDate } from '../common/time/province-time';

/** "What must I do next?" for each kind of person, with the deadlines that matter. */
@Injectable()
export class HomeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async todo(actor: Actor): Promise<Record<string, unknown>> {
    const today = provinceDate(this.clock.now());
    switch (actor.role) {
      case 'agency':
        return {
          rounds: await this.db.query(
            `SELECT r.id, r.title, r.deadline, p.title AS plan_title, r.version_number,
                    (SELECT count(*)::int FROM comments c WHERE c.round_id = r.id AND c.agency_id = $1 AND c.status = 'draft') AS drafts,
                    EXISTS (SELECT 1 FROM responses rs WHERE rs.round_id = r.id AND rs.agency_id = $1 AND rs.withdrawn_at IS NULL) AS answered
             FROM rounds r JOIN round_agencies ra ON ra.round_id = r.id AND ra.agency_id = $1 JOIN plans p ON p.id = r.plan_id
             WHERE r.status = 'open' ORDER BY answered, r.deadline`,
            [actor.agencyId],
          ),
          directives: await this.db.query(
            `SELECT d.id, d.task, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, (d.due_date < $2::date) AS overdue
             FROM directives d WHERE d.agency_id = $1 AND d.status = 'open' ORDER BY d.due_date LIMIT 20`,
            [actor.agencyId, today],
          ),
        };
      case 'secretariat':
        return {
          rounds: await this.db.query(
            `SELECT r.id, r.title, r.deadline, p.title AS plan_title,
                    (SELECT count(*)::int FROM round_agencies ra WHERE ra.round_id = r.id) AS invited,
                    (SELECT count(*)::int FROM responses rs WHERE rs.round_id = r.id AND rs.withdrawn_at IS NULL) AS answered
             FROM rounds r JOIN plans p ON p.id = r.plan_id WHERE r.status = 'open' ORDER BY r.deadline`,
          ),
          undecided: await this.db.query(
            `SELECT p.id, p.title, p.status, count(c.id)::int AS undecided
             FROM plans p JOIN rounds r ON r.plan_id = p.id JOIN comments c ON c.round_id = r.id
             WHERE c.status = 'submitted' AND c.decision IS NULL AND p.status <> 'approved'
             GROUP BY p.id ORDER BY p.updated_at DESC`,
          ),
          returned: await this.db.query(
            `SELECT p.id, p.title, s.note, s.decided_at FROM plans p
             JOIN approvals a ON a.plan_id = p.id AND a.status = 'returned'
             JOIN approval_steps s ON s.approval_id = a.id AND s.state = 'returned'
             WHERE p.status = 'drafting' AND NOT EXISTS (SELECT 1 FROM approvals b WHERE b.plan_id = p.id AND b.created_at > a.created_at)
             ORDER BY s.decided_at DESC`,
          ),
          overdueDirectives: await this.db.query(
            `SELECT d.id, d.task, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, a.name AS agency_name
             FROM directives d JOIN agencies a ON a.id = d.agency_id WHERE d.status = 'open' AND d.due_date < $1::date ORDER BY d.due_date LIMIT 20`,
            [today],
          ),
        };
      case 'leader':
        return {
          approvals: await this.db.query(
            `SELECT p.id, p.title, a.version_number, a.created_at
             FROM approval_steps s JOIN approvals a ON a.id = s.approval_id AND a.status = 'pending' JOIN plans p ON p.id = a.plan_id
             WHERE s.approver_id = $1 AND s.state = 'current' ORDER BY a.created_at`,
            [actor.id],
          ),
        };
      case 'admin':
        return {
          counts: (await this.db.query(`SELECT (SELECT count(*)::int FROM agencies) AS agencies, (SELECT count(*)::int FROM users WHERE active) AS users, (SELECT count(*)::int FROM emails WHERE status = 'failed') AS failed_emails`))[0],
        };
    }
  }
}
