import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../common/auth/decorators';
import { invalid } from '../../common/errors/domain-error';
import { UuidPipe } from '../../common/http/uuid.pipe';
import type { PlacedCommentView } from '../../consultation/anchor.views';
import { CommentAnchors } from '../../consultation/comment-anchors.service';
import { shownAnchorState } from '../../consultation/domain/anchor-labels';
import { PlansService } from '../../plans/plans.service';
import { VersionsService } from '../../plans/versions.service';
import { SignedIn } from '../lang';
import { PageRenderer } from '../page-renderer';
import { WebController } from '../web-controller';

function versionNumber(raw: string, name: string): number {
  const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= 2_000_000_000))
    throw invalid({ vi: `${name}: số dự thảo phải là số nguyên dương`, en: `${name}: the version number must be a positive whole number` });
  return n;
}

/** Frozen versions: the text of one, as it prints, and the redline between two. */
@WebController()
@Roles('secretariat', 'leader')
export class VersionPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly plans: PlansService,
    private readonly versions: VersionsService,
    private readonly anchors: CommentAnchors,
  ) {}

  @Get('plans/:id/versions/:n')
  async version(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('n') n: string): Promise<void> {
    const plan = await this.plans.get(req.user, id);
    const version = await this.versions.get(req.user, id, versionNumber(n, 'n'));
    await this.pages.send(req, res, 'versions/version', {
      title: { vi: `${plan.title} — dự thảo lần ${version.number}`, en: `${plan.title} — version ${version.number}` },
      plan,
      version,
      previous: version.number > 1 ? version.number - 1 : null,
    });
  }

  @Get('plans/:id/compare')
  async compare(
    @Req() req: SignedIn,
    @Res() res: Response,
    @Param('id', UuidPipe) id: string,
    @Query('from') fromQ?: string,
    @Query('to') toQ?: string,
  ): Promise<void> {
    const plan = await this.plans.get(req.user, id);
    if (plan.latestVersion < 1) throw invalid({ vi: 'Kế hoạch chưa có dự thảo nào để so sánh.', en: 'The plan has no version to compare yet.' });
    const to = toQ ? versionNumber(toQ, 'to') : plan.latestVersion;
    const from = fromQ ? versionNumber(fromQ, 'from') : Math.max(1, to - 1);
    const diff = await this.versions.diff(req.user, id, to, from);
    const onSection = await this.commentsOn(req, id, from, to);
    const sections = diff.sections.map((s) => ({
      ...s,
      text: s.ops.map((o) => o.text).join(''),
      comments: s.change === 'same' ? [] : (onSection.get(s.key) ?? []),
    }));
    await this.pages.send(req, res, 'versions/compare', {
      title: { vi: 'So sánh dự thảo', en: 'Compare versions' },
      plan,
      from,
      to,
      sections,
      changedCount: sections.filter((s) => s.change !== 'same').length,
      numbers: plan.versions.map((v) => v.number),
    });
  }

  /** The comments a comparison answers (CommentAnchors.madeBetween), by the section of version `to` they now sit on. */
  private async commentsOn(
    req: SignedIn,
    planId: string,
    from: number,
    to: number,
  ): Promise<Map<string, (PlacedCommentView & { agency: string; state: string })[]>> {
    const bySection = new Map<string, (PlacedCommentView & { agency: string; state: string })[]>();
    for (const c of await this.anchors.madeBetween(req.user, planId, from, to)) {
      if (c.anchor.sectionKey === null || c.anchor.state === 'removed') continue;
      const list = bySection.get(c.anchor.sectionKey) ?? [];
      list.push({ ...c, state: shownAnchorState(c.anchor) });
      bySection.set(c.anchor.sectionKey, list);
    }
    return bySection;
  }
}
