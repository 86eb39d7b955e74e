import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import { PasswordHasher } from './password-hasher';
import type { Actor, Role } from '../common/auth/actor';
import { conflict } from '../common/errors/domain-error';
import { List, Page } from '../common/pagination/list-query.dto';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { agencyMissing } from './domain/admin-guard';
import { containsPattern, foldedSql } from './domain/vietnamese-fold';
import { CreateUserDto } from './dto/create-user.dto';
import type { UserStatus } from './dto/list-users.dto';
import { User } from './user.entity';
import { UserView } from './user.view';

export interface UserFilter {
  role?: Role;
  agencyId?: string;
  search?: string;
  status?: UserStatus;
}

const emailTaken = (email: string) => conflict('email_taken', { vi: `Địa chỉ e-mail ${email} đã có tài khoản.`, en: `${email} already has an account.` });

@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
    private readonly agencies: AgenciesService,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(actor: Actor | null, dto: CreateUserDto): Promise<UserView> {
    const missing = agencyMissing(dto.role, dto.agencyId);
    if (missing) throw missing;
    if (dto.agencyId) await this.agencies.assertExist([dto.agencyId], 'agencyId');
    const passwordHash = await this.hasher.hash(dto.password);
    return this.uow
      .run(actor, (tx) => this.insert(tx, dto, passwordHash))
      .catch((err) => {
        if ((err as { code?: string }).code === '23505') throw emailTaken(dto.email);
        throw err;
      });
  }

  /**
   * Creates the administrator of ADMIN_EMAIL/ADMIN_PASSWORD when no user has that e-mail, whoever
   * else exists (the demo's own administrator included); safe with several processes starting.
   * An existing user of that e-mail is left as it is, whatever its role or password.
   */
  async ensureFirstAdmin(email: string, password: string): Promise<'created' | 'exists' | 'exists_not_admin'> {
    const passwordHash = await this.hasher.hash(password);
    return this.uow.run(null, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('duthao:first-admin'))`);
      const existing = await tx.one<{ role: Role }>('SELECT role FROM users WHERE lower(email) = lower($1)', [email]);
      if (existing) return existing.role === 'admin' ? 'exists' : 'exists_not_admin';
      await this.insert(tx, { email, fullName: 'Quản trị hệ thống', password, role: 'admin', agencyId: null }, passwordHash);
      return 'created';
    });
  }

  private async insert(tx: Tx, dto: CreateUserDto, passwordHash: string): Promise<UserView> {
    if (await tx.one('SELECT 1 FROM users WHERE lower(email) = lower($1)', [dto.email])) throw emailTaken(dto.email);
    const user = await tx.em.getRepository(User).save({
      email: dto.email,
      fullName: dto.fullName,
      passwordHash,
      role: dto.role,
      agencyId: dto.agencyId ?? null,
      active: true,
      createdAt: tx.now,
    });
    tx.audit('user.created', 'user', user.id, { email: user.email, fullName: user.fullName, role: user.role, agencyId: user.agencyId });
    return UserView.of(user);
  }

  async list(page: Page, filter: UserFilter): Promise<List<UserView>> {
    const qb = this.db.getRepository(User).createQueryBuilder('u');
    const status = filter.status ?? 'active';
    if (status !== 'all') qb.andWhere('u.active = :active', { active: status === 'active' });
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.agencyId) qb.andWhere('u.agencyId = :agencyId', { agencyId: filter.agencyId });
    const search = filter.search?.trim();
    if (search) {
      const pattern = `${foldedSql(':search')}`;
      qb.andWhere(`(${foldedSql('u.full_name')} LIKE ${pattern} ESCAPE '\\' OR lower(u.email) LIKE lower(:search) ESCAPE '\\')`, {
        search: containsPattern(search),
      });
    }
    const [rows, total] = await qb.orderBy('u.fullName', 'ASC').addOrderBy('u.id', 'ASC').take(page.limit).skip(page.offset).getManyAndCount();
    return { items: rows.map(UserView.of), total };
  }

  /** For login: the user with the password hash, by e-mail in any case. */
  async findForLogin(email: string): Promise<User | null> {
    return this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email) AND u.active', { email })
      .getOne();
  }
}
