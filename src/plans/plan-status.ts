import type { Tx } from '../database/unit-of-work';
import type { PlanStatus } from './domain/plan-lifecycle';
import type { Plan } from './plan.entity';

/** Writes a new status (already allowed by assertMove) and its audit row. */
export async function setPlanStatus(tx: Tx, plan: Plan, to: PlanStatus, cause: string, extra: Record<string, unknown> = {}): Promise<void> {
  if (plan.status === to) return;
  await tx.query('UPDATE plans SET status = $2, updated_at = $3 WHERE id = $1', [plan.id, to, tx.now]);
  tx.audit('plan.status_changed', 'plan', plan.id, { from: plan.status, to, cause, ...extra });
  plan.status = to;
}
