import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
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
  providers: [PlansService, DraftService, DraftSections, VersionsService, PlanAccess],
  exports: [PlanAccess, VersionsService, PlansService, DraftService, DraftSections],
})
export class PlansModule {}
