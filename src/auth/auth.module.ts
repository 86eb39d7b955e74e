import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DeviceCookies } from './device-cookies';
import { KeysModule } from './keys.module';
import { LoginThrottle } from './login-throttle';
import { ServerKeys } from './server-keys';
import { SessionStore } from './session-store';

@Module({
  imports: [
    KeysModule,
    UsersModule,
    JwtModule.registerAsync({
      imports: [KeysModule],
      inject: [AppConfig, ServerKeys],
      useFactory: (config: AppConfig, keys: ServerKeys) => ({
        secret: keys.jwt,
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtTtlSeconds, issuer: 'duthao' },
        // maxAge: a token lives no longer than JWT_TTL says now, whatever `exp` it was given.
        verifyOptions: { algorithms: ['HS256'], issuer: 'duthao', maxAge: config.jwtTtlSeconds },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle, SessionStore, DeviceCookies, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, DeviceCookies],
})
export class AuthModule {}
