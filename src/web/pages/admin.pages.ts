import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AgenciesService } from '../../agencies/agencies.service';
import type { AgencyView } from '../../agencies/agency.view';
import { CreateAgencyDto } from '../../agencies/dto/create-agency.dto';
import { ROLES, type Actor } from '../../common/auth/actor';
import { Roles } from '../../common/auth/decorators';
import { CreateUserDto } from '../../users/dto/create-user.dto';
import { UsersService } from '../../users/users.service';
import { field, validateForm } from '../forms';
import { PageContexts, setFlash } from '../page-context';
import { Views } from '../views';
import { WebController } from '../web-controller';
import { formProblem, FormProblem, invalidForm, langOf, say, sendHtml } from './a-form-errors';

type Req_ = Request & { user: Actor };
const PAGE = 100;

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

/** The administrator's pages: agencies and user accounts. */
@WebController('admin')
@Roles('admin')
export class AdminPages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
  ) {}

  @Get('agencies')
  async agencyList(@Req() req: Req_, @Res() res: Response, @Query('offset') offset?: string): Promise<void> {
    await this.renderAgencies(req, res, { code: '', name: '' }, pageOffset(offset));
  }

  @Post('agencies')
  async createAgency(@Req() req: Req_, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const typed: AgencyForm = { code: field(body, 'code').trim(), name: field(body, 'name') };
    const { value, errors } = await validateForm(CreateAgencyDto, typed, langOf(req));
    if (errors) return this.renderAgencies(req, res, typed, 0, invalidForm(errors));
    try {
      const agency = await this.agencies.create(req.user, value);
      setFlash(res, 'ok', say(req, `Đã tạo đơn vị ${agency.name} (${agency.code}).`, `Agency ${agency.name} (${agency.code}) created.`));
      res.redirect(303, '/admin/agencies');
    } catch (err) {
      const problem = formProblem(err, langOf(req), ['code', 'name']);
      // "Code taken" is a conflict without a field name: it belongs next to the code.
      if (problem.status === 409 && !problem.errors.code) problem.errors.code = problem.messages.shift() ?? '';
      await this.renderAgencies(req, res, typed, 0, problem);
    }
  }

  @Get('users')
  async userList(@Req() req: Req_, @Res() res: Response, @Query('offset') offset?: string): Promise<void> {
    await this.renderUsers(req, res, { email: '', fullName: '', role: '', agencyId: '' }, pageOffset(offset));
  }

  @Post('users')
  async createUser(@Req() req: Req_, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const typed: UserForm = { email: field(body, 'email'), fullName: field(body, 'fullName'), role: field(body, 'role'), agencyId: field(body, 'agencyId') };
    const input = { ...typed, password: field(body, 'password'), agencyId: typed.agencyId || null };
    const { value, errors } = await validateForm(CreateUserDto, input, langOf(req));
    if (errors) return this.renderUsers(req, res, typed, 0, invalidForm(errors));
    try {
      const user = await this.users.create(req.user, value);
      setFlash(res, 'ok', say(req, `Đã tạo tài khoản ${user.email}.`, `Account ${user.email} created.`));
      res.redirect(303, '/admin/users');
    } catch (err) {
      const problem = formProblem(err, langOf(req), ['email', 'fullName', 'password', 'role', 'agencyId']);
      if (problem.status === 409 && !problem.errors.email) problem.errors.email = problem.messages.shift() ?? '';
      await this.renderUsers(req, res, typed, 0, problem);
    }
  }

  private async renderAgencies(req: Req_, res: Response, form: AgencyForm, offset: number, problem?: FormProblem): Promise<void> {
    const list = await this.agencies.list({ limit: PAGE, offset });
    const ctx = await this.contexts.build(req, res, langOf(req) === 'en' ? 'Agencies' : 'Đơn vị');
    const html = this.views.render('a-admin-agencies', { ...ctx, agencies: list.items, total: list.total, ...pager('/admin/agencies', offset, list.total), form: { ...form, ...(problem ?? {}) } });
    sendHtml(res, html, problem?.status ?? 200);
  }

  private async renderUsers(req: Req_, res: Response, form: UserForm, offset: number, problem?: FormProblem): Promise<void> {
    const [list, agencies] = await Promise.all([this.users.list({ limit: PAGE, offset }, {}), this.allAgencies()]);
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    const ctx = await this.contexts.build(req, res, langOf(req) === 'en' ? 'Users' : 'Người dùng');
    const html = this.views.render('a-admin-users', {
      ...ctx,
      users: list.items.map((u) => ({ ...u, agencyName: u.agencyId ? (names.get(u.agencyId) ?? '') : '' })),
      total: list.total,
      ...pager('/admin/users', offset, list.total),
      roles: ROLES,
      agencies,
      form: { ...form, ...(problem ?? {}) },
    });
    res.setHeader('Cache-Control', 'no-store');
    sendHtml(res, html, problem?.status ?? 200);
  }

  private async allAgencies(): Promise<AgencyView[]> {
    const all: AgencyView[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.agencies.list({ limit: 200, offset });
      all.push(...page.items);
      if (page.items.length === 0 || all.length >= page.total) return all;
    }
  }
}

function pageOffset(text: string | undefined): number {
  return typeof text === 'string' && /^\d{1,9}$/.test(text) ? Number(text) : 0;
}

function pager(base: string, offset: number, total: number) {
  return {
    prev: offset > 0 ? `${base}?offset=${Math.max(0, offset - PAGE)}` : null,
    next: offset + PAGE < total ? `${base}?offset=${offset + PAGE}` : null,
  };
}
