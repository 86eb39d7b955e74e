import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AgenciesService } from '../../agencies/agencies.service';
import { AgencyChoices } from '../agency-choices';
import { CreateAgencyDto } from '../../agencies/dto/create-agency.dto';
import { AUDIT_ENTITY_TYPES } from '../../audit/domain/audit-entry';
import { AuditQueryDto } from '../../audit/dto/audit-query.dto';
import { AuditService } from '../../audit/audit.service';
import { ROLES } from '../../common/auth/actor';
import { Roles } from '../../common/auth/decorators';
import { CreateUserDto } from '../../users/dto/create-user.dto';
import { ListUsersDto } from '../../users/dto/list-users.dto';
import { USER_STATUS_LABELS } from './user-labels';
import { UsersService } from '../../users/users.service';
import { FormBody, optional, text } from '../form-adapter';
import { checkForm, FormProblem, submitForm } from '../form-pipeline';
import { langOf, SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { pageOf, pagerOf } from '../paging';
import { WebController } from '../web-controller';
import { ROLE_LABELS } from '../../common/auth/actor';

const LABELS: Record<string, Text> = {
  code: { vi: 'Mã đơn vị', en: 'Code' },
  name: { vi: 'Tên đơn vị', en: 'Name' },
  email: { vi: 'E-mail (tên đăng nhập)', en: 'E-mail (sign-in name)' },
  password: { vi: 'Mật khẩu ban đầu', en: 'Initial password' },
  entityType: { vi: 'Loại đối tượng', en: 'Kind of record' },
  search: { vi: 'Tìm theo họ tên hoặc e-mail', en: 'Search by name or e-mail' },
  status: { vi: 'Trạng thái', en: 'Status' },
};

interface AgencyForm {
  code: string;
  name: string;
}
interface UserForm {
  email: string;
  fullName: string;
  role: string;
  agencyId: string;
}

/** The administrator's pages: agencies, user accounts and the audit log, each list paged. */
@WebController('admin')
@Roles('admin')
export class AdminPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly agencies: AgenciesService,
    private readonly choices: AgencyChoices,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  @Get('agencies')
  async agencyList(@Req() req: SignedIn, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    await this.renderAgencies(req, res, { code: '', name: '' }, query);
  }

  @Post('agencies')
  async createAgency(@Req() req: SignedIn, @Res() res: Response, @Body() body: FormBody): Promise<void> {
    const typed: AgencyForm = { code: text(body, 'code').trim(), name: text(body, 'name') };
    await submitForm(req, res, {
      dto: CreateAgencyDto,
      input: typed,
      fields: ['code', 'name'],
      // "Code taken" names no field: it belongs next to the code.
      conflictField: 'code',
      run: (value) => this.agencies.create(req.user, value),
      done: (agency) => ({
        to: '/admin/agencies',
        flash: { vi: `Đã tạo đơn vị ${agency.name} (${agency.code}).`, en: `Agency ${agency.name} (${agency.code}) created.` },
      }),
      again: (problem) => this.renderAgencies(req, res, typed, {}, problem),
    });
  }

  @Get('users')
  async userList(@Req() req: SignedIn, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    await this.renderUsers(req, res, { email: '', fullName: '', role: '', agencyId: '' }, query);
  }

  @Post('users')
  async createUser(@Req() req: SignedIn, @Res() res: Response, @Body() body: FormBody): Promise<void> {
    const typed: UserForm = { email: text(body, 'email'), fullName: text(body, 'fullName'), role: text(body, 'role'), agencyId: text(body, 'agencyId') };
    await submitForm(req, res, {
      dto: CreateUserDto,
      input: { ...typed, password: text(body, 'password'), agencyId: optional(typed.agencyId) },
      fields: ['email', 'fullName', 'password', 'role', 'agencyId'],
      conflictField: 'email',
      run: (value) => this.users.create(req.user, value),
      done: (user) => ({ to: '/admin/users', flash: { vi: `Đã tạo tài khoản ${user.email}.`, en: `Account ${user.email} created.` } }),
      again: (problem) => this.renderUsers(req, res, typed, {}, problem),
    });
  }

  @Get('audit')
  async auditLog(@Req() req: SignedIn, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const lang = langOf(req);
    const page = await pageOf(query, lang);
    const typed = { entityType: text(query, 'entityType') };
    const filter = typed.entityType ? typed : {};
    const { value, problem } = await checkForm(AuditQueryDto, filter, lang);
    const list = problem ? { items: [], total: 0 } : await this.audit.list(page, { entityType: value.entityType });
    const any = { value: '', label: lang === 'en' ? 'Any' : 'Tất cả', selected: typed.entityType === '' };
    await this.pages.send(
      req,
      res,
      'admin/audit',
      {
        title: { vi: 'Nhật ký kiểm tra', en: 'Audit log' },
        labels: LABELS,
        entityTypes: [any, ...AUDIT_ENTITY_TYPES.map((t) => ({ value: t, label: t, selected: t === typed.entityType }))],
        entries: list.items,
        pager: pagerOf('/admin/audit', filter, page, list.total, list.items.length),
        problem,
        errors: problem?.errors ?? {},
      },
      problem?.status ?? 200,
    );
  }

  private async renderAgencies(req: SignedIn, res: Response, form: AgencyForm, query: Record<string, unknown>, problem?: FormProblem): Promise<void> {
    const page = await pageOf(query, langOf(req));
    const list = await this.agencies.list(page);
    await this.pages.send(
      req,
      res,
      'admin/agencies',
      {
        title: { vi: 'Đơn vị', en: 'Agencies' },
        labels: LABELS,
        agencies: list.items,
        pager: pagerOf('/admin/agencies', {}, page, list.total, list.items.length),
        form,
        problem,
        errors: problem?.errors ?? {},
      },
      problem?.status ?? 200,
    );
  }

  private async renderUsers(req: SignedIn, res: Response, form: UserForm, query: Record<string, unknown>, problem?: FormProblem): Promise<void> {
    const lang = langOf(req);
    const page = await pageOf(query, lang);
    const typed = { search: text(query, 'search'), role: text(query, 'role'), status: text(query, 'status') };
    const filter = Object.fromEntries(Object.entries(typed).filter(([, v]) => v !== ''));
    const checked = await checkForm(ListUsersDto, filter, lang);
    const searchProblem = checked.problem;
    const [list, agencies] = await Promise.all([
      searchProblem ? { items: [], total: 0 } : this.users.list(page, { search: checked.value.search, role: checked.value.role, status: checked.value.status }),
      this.choices.all(),
    ]);
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    const roles = [
      { value: '', label: lang === 'en' ? '— Choose a role —' : '— Chọn vai trò —' },
      ...ROLES.map((r) => ({ value: r as string, label: ROLE_LABELS[r][lang] })),
    ];
    const agencyOptions = [
      { value: '', label: lang === 'en' ? '— None —' : '— Không thuộc đơn vị —' },
      ...agencies.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` })),
    ];
    await this.pages.send(
      req,
      res,
      'admin/users',
      {
        title: { vi: 'Người dùng', en: 'Users' },
        labels: LABELS,
        users: list.items.map((u) => ({ ...u, agencyName: u.agencyId ? (names.get(u.agencyId) ?? '') : '' })),
        pager: pagerOf('/admin/users', typed, page, list.total, list.items.length),
        search: {
          value: typed.search,
          roles: [
            { value: '', label: lang === 'en' ? 'Any role' : 'Mọi vai trò' },
            ...ROLES.map((r) => ({ value: r as string, label: ROLE_LABELS[r][lang] })),
          ].map((o) => ({
            ...o,
            selected: o.value === typed.role,
          })),
          statuses: USER_STATUS_LABELS.map((s) => ({ value: s.value, label: s.label[lang], selected: s.value === (typed.status || 'active') })),
          problem: searchProblem,
          errors: searchProblem?.errors ?? {},
        },
        roles: roles.map((o) => ({ ...o, selected: o.value === form.role })),
        agencies: agencyOptions.map((o) => ({ ...o, selected: o.value === form.agencyId })),
        form,
        problem,
        errors: problem?.errors ?? {},
      },
      problem?.status ?? searchProblem?.status ?? 200,
    );
  }
}
