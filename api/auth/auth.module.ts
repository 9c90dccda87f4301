import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ApiKeyEntity } from '../../core/database/entities';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthGuard } from './auth.guard';
import { AuthController } from './sso/auth.controller';
import { Credentials } from './credentials';
import { ConsoleSessionsService } from './sso/console-sessions.service';
import { LoginAttempts } from './sso/login-attempts';
import { OidcClient } from './sso/oidc-client';

/** Who is calling: API keys for integrators, OIDC sign-in and sessions for the console. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity]), AuditModule],
  controllers: [AuthController, ApiKeysController],
  providers: [ApiKeysService, ConsoleSessionsService, OidcClient, LoginAttempts, Credentials, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [ApiKeysService, ConsoleSessionsService, OidcClient, LoginAttempts, Credentials],
})
export class AuthModule {}
