import { ROLE_LABELS, type Role } from '../../common/auth/actor';
import { DomainError, invalid } from '../../common/errors/domain-error';

export interface AccountState {
  role: Role;
  active: boolean;
}

/** Whether an account counts as a working administrator. */
export const isActiveAdmin = (s: AccountState): boolean => s.role === 'admin' && s.active;

/**
 * What stands in the way of changing an account from `before` to `after`: an administrator may not
 * lock themselves out (disable or demote their own account), and the province must keep at least
 * one working administrator. `otherActiveAdmins` counts the active administrators besides this one.
 */
export function adminChangeRefusal(
  actorId: string,
  userId: string,
  before: AccountState,
  after: AccountState,
  otherActiveAdmins: number,
): 'own_account' | 'last_admin' | null {
  if (!isActiveAdmin(before) || isActiveAdmin(after)) return null;
  if (actorId === userId) return 'own_account';
  if (otherActiveAdmins === 0) return 'last_admin';
  return null;
}

/** An account of the agency role must belong to an agency: the refusal, when it does not. */
export function agencyMissing(role: Role, agencyId: string | null | undefined): DomainError | null {
  if (role !== 'agency' || agencyId) return null;
  return invalid({ vi: `agencyId: bắt buộc với vai trò ${ROLE_LABELS.agency.vi}`, en: 'agencyId: required for the agency role' });
}
