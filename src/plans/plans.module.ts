import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { VersionDiffs } from './diff/version-diffs';
import { DraftSections } from './draft-sections.service';
import { DraftService } from './draft.service';
import { PlanAccess } from './plan-access';
import { PlanVersion } from './plan-version.entity';
import { Plan } from './plan.entity';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { VersionsService } from './versions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Plan, PlanVersion]), AgenciesModule],
  controllers: [PlansController],
  providers: [PlansService, DraftService, DraftSections, VersionsService, PlanAccess, VersionDiffs],
  exports: [PlanAccess, VersionsService, PlansService, DraftService, DraftSections, VersionDiffs],
})
export class PlansModule {}
