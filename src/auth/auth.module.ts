import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { resolveJwtSecret } from './jwt-secret';
import { LoginThrottle } from './login-throttle';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig, getDataSourceToken()],
      useFactory: async (config: AppConfig, db: DataSource) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to read it as a PEM
        // public key on every verify and falls back to an HMAC key after the exception (~0.5 ms a request).
        secret: createSecretKey(Buffer.from(await resolveJwtSecret(config, db))),
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtTtlSeconds, issuer: 'duthao' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'duthao' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
