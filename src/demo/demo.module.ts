import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { ConsultationModule } from '../consultation/consultation.module';
import { PlansModule } from '../plans/plans.module';
import { UsersModule } from '../users/users.module';
import { DemoSeeder } from './demo-seeder';

@Module({
  imports: [AgenciesModule, UsersModule, PlansModule, ConsultationModule, ConferencesModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
