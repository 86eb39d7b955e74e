import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AgenciesService } from '../../agencies/agencies.service';
import { ApprovalSummaries } from '../../approvals/approval-summaries.query';
import { DirectivesService } from '../../conferences/directives.service';
import { RoundSummaries } from '../../consultation/round-summaries.query';
import { OperationsService } from '../../notifications/operations.service';
import { UsersService } from '../../users/users.service';
import { SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { WebController } from '../web-controller';

/** The first rows of each list on the home page; each has its own full, paged page. */
const FIRST = { limit: 20, offset: 0 };

/** "What must I do next?" for each kind of person, with the deadlines that matter. */
@WebController()
export class HomePages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly rounds: RoundSummaries,
    private readonly approvals: ApprovalSummaries,
    private readonly directives: DirectivesService,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
    private readonly operations: OperationsService,
  ) {}

  @Get()
  async index(@Req() req: SignedIn, @Res() res: Response): Promise<void> {
    const actor = req.user;
    const title: Text = { vi: 'Việc cần làm', en: 'What to do next' };
    switch (actor.role) {
      case 'agency': {
        const [rounds, overdue, open] = await Promise.all([
          this.rounds.forAgency(actor.agencyId!, FIRST, true),
          this.directives.list(actor, { status: 'overdue' }, FIRST),
          this.directives.list(actor, { status: 'open' }, FIRST),
        ]);
        // Not yet answered first, then by deadline.
        const items = [...rounds.items].sort((a, b) => Number(a.state !== 'pending') - Number(b.state !== 'pending'));
        const directives = [...overdue.items, ...open.items].slice(0, FIRST.limit);
        return this.pages.send(req, res, 'home/agency', {
          title,
          rounds: items,
          directives,
          more: { rounds: rounds.total > items.length, directives: overdue.total + open.total > directives.length },
        });
      }
      case 'secretariat': {
        const [rounds, undecided, returned, overdue] = await Promise.all([
          this.rounds.forStaff(FIRST, { onlyOpen: true }),
          this.rounds.undecidedByPlan(FIRST.limit),
          this.approvals.returned(FIRST.limit),
          this.directives.list(actor, { status: 'overdue' }, FIRST),
        ]);
        return this.pages.send(req, res, 'home/secretariat', {
          title,
          rounds: rounds.items,
          undecided,
          returned,
          overdueDirectives: overdue.items,
          more: { rounds: rounds.total > rounds.items.length, directives: overdue.total > overdue.items.length },
        });
      }
      case 'leader':
        return this.pages.send(req, res, 'home/leader', {
          title: { vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
          approvals: await this.approvals.awaiting(actor.id, 50),
        });
      case 'admin': {
        const one = { limit: 1, offset: 0 };
        const [agencies, users, failed] = await Promise.all([this.agencies.list(one), this.users.list(one, {}), this.operations.emails('failed', one)]);
        return this.pages.send(req, res, 'home/admin', {
          title: { vi: 'Quản trị', en: 'Administration' },
          counts: { agencies: agencies.total, users: users.total, failedEmails: failed.total },
        });
      }
    }
  }
}
