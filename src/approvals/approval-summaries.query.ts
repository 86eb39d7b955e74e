import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AwaitingApproval {
  planId: string;
  title: string;
  versionNumber: number;
  submittedAt: string;
}

export interface ReturnedPlan {
  planId: string;
  title: string;
  note: string | null;
  returnedAt: string;
}

/** What the home pages need to know of approvals: whose turn it is, and what came back. */
@Injectable()
export class ApprovalSummaries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Plans whose current step is this leader's. */
  async awaiting(leaderId: string, limit: number): Promise<AwaitingApproval[]> {
    const rows: { id: string; title: string; version_number: number; created_at: Date }[] = await this.db.query(
      `SELECT p.id, p.title, a.version_number, a.created_at
       FROM approval_steps s JOIN approvals a ON a.id = s.approval_id AND a.status = 'pending' JOIN plans p ON p.id = a.plan_id
       WHERE s.approver_id = $1 AND s.state = 'current' ORDER BY a.created_at, p.id LIMIT $2`,
      [leaderId, limit],
    );
    return rows.map((r) => ({ planId: r.id, title: r.title, versionNumber: r.version_number, submittedAt: r.created_at.toISOString() }));
  }

  /** Plans back in drafting because their latest approval was returned, with the leader's reasons. */
  async returned(limit: number): Promise<ReturnedPlan[]> {
    const rows: { id: string; title: string; note: string | null; decided_at: Date }[] = await this.db.query(
      `SELECT p.id, p.title, s.note, s.decided_at FROM plans p
       JOIN approvals a ON a.plan_id = p.id AND a.status = 'returned'
       JOIN approval_steps s ON s.approval_id = a.id AND s.state = 'returned'
       WHERE p.status = 'drafting' AND NOT EXISTS (SELECT 1 FROM approvals b WHERE b.plan_id = p.id AND b.created_at > a.created_at)
       ORDER BY s.decided_at DESC, p.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ planId: r.id, title: r.title, note: r.note, returnedAt: r.decided_at.toISOString() }));
  }
}
