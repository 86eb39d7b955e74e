import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import type { Actor, Role } from '../common/auth/actor';
import { conflict, invalid, notFound } from '../common/errors/domain-error';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { adminChangeRefusal, agencyMissing } from './domain/admin-guard';
import { ResetPasswordDto, UpdateUserDto } from './dto/update-user.dto';
import { PasswordHasher } from './password-hasher';
import { PasswordReset, UserView } from './user.view';

interface UserRow {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  agencyId: string | null;
  active: boolean;
}

const USER_NOT_FOUND = { vi: 'tài khoản', en: 'user' };
const REFUSALS = {
  own_account: {
    vi: 'Không thể tự khoá hoặc tự bỏ vai trò quản trị của chính mình; hãy nhờ một quản trị khác.',
    en: 'You may not disable or demote your own administrator account; ask another administrator.',
  },
  last_admin: {
    vi: 'Đây là tài khoản quản trị cuối cùng đang hoạt động; hãy tạo hoặc mở lại một tài khoản quản trị khác trước.',
    en: 'This is the last active administrator; create or enable another administrator first.',
  },
};
// No 0/O, 1/l/I: a temporary password is read out over the phone.
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A temporary password of 3 groups of 4 characters (about 70 bits), easy to read out and type. */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
  return [group(), group(), group()].join('-');
}

/**
 * The administrator's changes to accounts: name, role, agency, disabled, password. `users.active`
 * is the switch the session check reads on every request, so a disabled account stops at once;
 * its sessions are ended too, and so are they after a password reset.
 */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly agencies: AgenciesService,
    private readonly hasher: PasswordHasher,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async get(id: string): Promise<UserView> {
    return UserView.of(await this.load(this.db, id, false));
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    if (Object.values(dto).every((v) => v === undefined)) {
      throw invalid({
        vi: 'Không có gì để thay đổi: hãy gửi fullName, role, agencyId hoặc disabled.',
        en: 'Nothing to change: send fullName, role, agencyId or disabled.',
      });
    }
    if (dto.agencyId) await this.agencies.assertExist([dto.agencyId], 'agencyId');
    return this.uow.run(actor, async (tx) => {
      // One administrator change at a time: two admins cannot each disable the other and leave none.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('duthao:admins'))`);
      const before = await this.load(tx, id, true);
      const after: UserRow = {
        ...before,
        fullName: dto.fullName ?? before.fullName,
        role: dto.role ?? before.role,
        agencyId: dto.agencyId !== undefined ? dto.agencyId : before.agencyId,
        active: dto.disabled !== undefined ? !dto.disabled : before.active,
      };
      const missing = agencyMissing(after.role, after.agencyId);
      if (missing) throw missing;
      const others = await tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active AND id <> $1`, [id]);
      const refusal = adminChangeRefusal(actor.id, id, before, after, others?.n ?? 0);
      if (refusal) throw conflict(refusal, REFUSALS[refusal]);
      const changes = changed(before, after);
      if (Object.keys(changes).length === 0) return UserView.of(before);
      await tx.query('UPDATE users SET full_name = $2, role = $3, agency_id = $4, active = $5 WHERE id = $1', [
        id,
        after.fullName,
        after.role,
        after.agencyId,
        after.active,
      ]);
      const sessionsEnded = after.active ? 0 : await this.endSessions(tx, id);
      const action = before.active !== after.active ? (after.active ? 'user.enabled' : 'user.disabled') : 'user.updated';
      tx.audit(action, 'user', id, { email: before.email, changes, sessionsEnded });
      return UserView.of(after);
    });
  }

  /** Sets a temporary password (the administrator's, or one made here and shown once) and ends the user's sessions. */
  async resetPassword(actor: Actor, id: string, dto: ResetPasswordDto): Promise<PasswordReset> {
    const generated = dto.password === undefined;
    const password = dto.password ?? temporaryPassword();
    const hash = await this.hasher.hash(password);
    return this.uow.run(actor, async (tx) => {
      const user = await this.load(tx, id, true);
      await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, hash]);
      const sessionsEnded = await this.endSessions(tx, id);
      tx.audit('user.password_reset', 'user', id, { email: user.email, generated, sessionsEnded });
      return { user: UserView.of(user), temporaryPassword: generated ? password : null, sessionsEnded };
    });
  }

  private async load(q: Tx | DataSource, id: string, lock: boolean): Promise<UserRow> {
    const [row] = (await q.query(
      `SELECT id, email, full_name AS "fullName", role, agency_id AS "agencyId", active FROM users WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    )) as UserRow[];
    if (!row) throw notFound(USER_NOT_FOUND);
    return row;
  }

  private async endSessions(tx: Tx, userId: string): Promise<number> {
    const ended = await tx.query('DELETE FROM sessions WHERE user_id = $1 RETURNING id', [userId]);
    return ended.length;
  }
}

function changed(before: UserRow, after: UserRow): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['fullName', 'role', 'agencyId', 'active'] as const) {
    if (before[key] !== after[key]) out[key] = { from: before[key], to: after[key] };
  }
  return out;
}
