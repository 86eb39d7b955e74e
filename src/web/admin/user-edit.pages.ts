import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ROLE_LABELS, ROLES } from '../../common/auth/actor';
import { Roles } from '../../common/auth/decorators';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { ResetPasswordDto, UpdateUserDto } from '../../users/dto/update-user.dto';
import { UserAdminService } from '../../users/user-admin.service';
import type { PasswordReset, UserView } from '../../users/user.view';
import { AgencyChoices } from '../agency-choices';
import { FormBody, optional, text } from '../form-adapter';
import { FormProblem, refusal, submitForm, checkForm } from '../form-pipeline';
import { langOf, SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { WebController } from '../web-controller';

const LABELS: Record<string, Text> = {
  disabled: { vi: 'Khoá tài khoản', en: 'Disable the account' },
  password: { vi: 'Mật khẩu tạm', en: 'Temporary password' },
};

interface EditForm {
  fullName: string;
  role: string;
  agencyId: string;
  disabled: boolean;
}

interface Forms {
  edit?: EditForm & { problem: FormProblem };
  reset?: { problem: FormProblem };
  /** Just reset: the generated password is shown on this answer only. */
  done?: PasswordReset;
}

/** One account, as the administrator edits it: name, role, agency, disabled; and a password reset. */
@WebController('admin/users')
@Roles('admin')
export class UserEditPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly users: UserAdminService,
    private readonly choices: AgencyChoices,
  ) {}

  @Get(':id')
  async show(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.render(req, res, await this.users.get(id), {});
  }

  @Post(':id')
  async update(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const typed: EditForm = {
      fullName: text(body, 'fullName'),
      role: text(body, 'role'),
      agencyId: text(body, 'agencyId'),
      disabled: text(body, 'disabled') === 'on',
    };
    await submitForm(req, res, {
      dto: UpdateUserDto,
      input: { ...typed, agencyId: optional(typed.agencyId) },
      fields: ['fullName', 'role', 'agencyId', 'disabled'],
      run: (value) => this.users.update(req.user, id, value),
      done: (user) => ({
        to: `/admin/users/${id}`,
        flash: user.disabled
          ? { vi: `Đã lưu; tài khoản ${user.email} đang bị khoá.`, en: `Saved; the account ${user.email} is disabled.` }
          : { vi: `Đã lưu tài khoản ${user.email}.`, en: `Account ${user.email} saved.` },
      }),
      again: async (problem) => this.render(req, res, await this.users.get(id), { edit: { ...typed, problem } }),
    });
  }

  /** Not a redirect: a generated password is shown once, on this answer, and kept nowhere (no flash cookie). */
  @Post(':id/password')
  async resetPassword(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const lang = langOf(req);
    const password = text(body, 'password');
    const { value, problem } = await checkForm(ResetPasswordDto, password ? { password } : {}, lang);
    if (problem) return this.render(req, res, await this.users.get(id), { reset: { problem } });
    let done: PasswordReset;
    try {
      done = await this.users.resetPassword(req.user, id, value);
    } catch (err) {
      return this.render(req, res, await this.users.get(id), { reset: { problem: refusal(err, lang, ['password']) } });
    }
    res.setHeader('Cache-Control', 'no-store');
    await this.render(req, res, done.user, { done });
  }

  private async render(req: SignedIn, res: Response, user: UserView, forms: Forms): Promise<void> {
    const lang = langOf(req);
    const agencies = await this.choices.all();
    const form = forms.edit ?? { fullName: user.fullName, role: user.role, agencyId: user.agencyId ?? '', disabled: user.disabled };
    await this.pages.send(
      req,
      res,
      'admin/user',
      {
        title: { vi: `Tài khoản ${user.fullName}`, en: `Account of ${user.fullName}` },
        labels: LABELS,
        user,
        self: user.id === req.user.id,
        form,
        roles: ROLES.map((r) => ({ value: r as string, label: ROLE_LABELS[r][lang], selected: r === form.role })),
        agencies: [
          { value: '', label: lang === 'en' ? '— None —' : '— Không thuộc đơn vị —', selected: form.agencyId === '' },
          ...agencies.map((a) => ({ value: a.id, label: `${a.name} (${a.code})`, selected: a.id === form.agencyId })),
        ],
        problem: forms.edit?.problem,
        errors: forms.edit?.problem.errors ?? {},
        reset: { problem: forms.reset?.problem, errors: forms.reset?.problem.errors ?? {} },
        done: forms.done ?? null,
      },
      forms.edit?.problem.status ?? forms.reset?.problem.status ?? 200,
    );
  }
}
