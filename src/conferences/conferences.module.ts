import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { PlansModule } from '../plans/plans.module';
import { ConferenceAccess } from './conference-access';
import { Conference } from './conference.entity';
import { ConferencesController } from './conferences.controller';
import { ConferencesService } from './conferences.service';
import { Directive } from './directive.entity';
import { DirectivesController } from './directives.controller';
import { DirectivesService } from './directives.service';
import { OpinionsService } from './opinions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Conference, Directive]), PlansModule, AgenciesModule],
  controllers: [ConferencesController, DirectivesController],
  providers: [ConferencesService, ConferenceAccess, DirectivesService, OpinionsService],
  exports: [ConferencesService, OpinionsService, DirectivesService],
})
export class ConferencesModule {}
