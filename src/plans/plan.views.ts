import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLAN_STATUSES, PlanStatus } from './domain/plan-lifecycle';
import type { Section } from './domain/sections';
import { SectionView } from './dto/section.dto';
import type { PlanVersion } from './plan-version.entity';
import type { Plan } from './plan.entity';

export class VersionSummaryView {
  @ApiProperty() number!: number;
  @ApiProperty() note!: string;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(v: Pick<PlanVersion, 'number' | 'note' | 'contentHash' | 'createdAt'>): VersionSummaryView {
    return { number: v.number, note: v.note, contentHash: v.contentHash, createdAt: v.createdAt.toISOString() };
  }
}

export class PlanSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) kind!: string | null;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: PlanStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerAgencyId!: string | null;
  @ApiProperty({ description: 'Số của dự thảo mới nhất (0: chưa có)' }) latestVersion!: number;
  @ApiProperty({ nullable: true, type: Number }) approvedVersion!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(p: Plan): PlanSummaryView {
    return {
      id: p.id,
      title: p.title,
      kind: p.kind,
      status: p.status,
      ownerAgencyId: p.ownerAgencyId,
      latestVersion: p.latestVersion,
      approvedVersion: p.approvedVersion,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}

export class PlanView extends PlanSummaryView {
  @ApiProperty({ type: [VersionSummaryView] }) versions!: VersionSummaryView[];
}

export class PlanList {
  @ApiProperty({ type: [PlanSummaryView] }) items!: PlanSummaryView[];
  @ApiProperty() total!: number;
}

export class DraftView {
  @ApiProperty({ type: [SectionView] }) sections!: Section[];
  @ApiProperty({ description: 'Số lần lưu; cũng là ETag' }) revision!: number;
}

export class FrozenVersionView {
  @ApiProperty() number!: number;
  @ApiProperty({ description: 'sha256 của dạng chuẩn nội dung' }) contentHash!: string;
}

export class VersionView extends VersionSummaryView {
  @ApiProperty({ type: [SectionView] }) sections!: Section[];
}

class DiffOpView {
  @ApiProperty({ enum: ['equal', 'insert', 'delete'] }) op!: string;
  @ApiProperty() text!: string;
}

class SectionDiffView {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: ['added', 'removed', 'changed', 'same'] }) change!: string;
  @ApiProperty() heading!: string;
  @ApiPropertyOptional() previousHeading?: string;
  @ApiPropertyOptional({
    description: 'true: a changed passage of this section was too large or too rewritten to compare word by word, and is shown deleted and inserted whole',
  })
  approximate?: boolean;
  @ApiProperty({ type: [DiffOpView] }) ops!: DiffOpView[];
}

export class DiffView {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ description: 'true when some section is approximate' }) approximate!: boolean;
  @ApiProperty({ type: [SectionDiffView] }) sections!: SectionDiffView[];
}
