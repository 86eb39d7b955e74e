import { Module } from '@nestjs/common';
import { KeysModule } from '../auth/keys.module';
import { OrganisationSeal } from './organisation-seal';

/** The organisation's seal, in the API (to check signatures) and in workers (to seal approved plans). */
@Module({
  imports: [KeysModule],
  providers: [OrganisationSeal],
  exports: [OrganisationSeal],
})
export class SigningKeysModule {}
