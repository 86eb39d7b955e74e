import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { resolveJwtSecret } from './jwt-secret';
import { ServerKeys } from './server-keys';

/** The server's keys, resolved once at start (JWT_SECRET, or the secret kept in the database). */
@Global()
@Module({
  providers: [
    {
      provide: ServerKeys,
      inject: [AppConfig, getDataSourceToken()],
      useFactory: async (config: AppConfig, db: DataSource) => new ServerKeys(await resolveJwtSecret(config, db)),
    },
  ],
  exports: [ServerKeys],
})
export class KeysModule {}
