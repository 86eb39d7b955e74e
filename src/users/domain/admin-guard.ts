import type { Role } from '../../common/auth/actor';

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
