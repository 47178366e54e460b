import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { RateLimitGuard } from '../shared-state/rate-limit';
import { StaffModule } from '../staff/staff.module';
import { AccessService } from './access.service';
import { AuthEvents } from './auth-events';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { BreakGlassAccountsService } from './break-glass-accounts.service';
import { PostgresSessionStore } from './postgres-session-store';
import { RedisSessionStore } from './redis-session-store';
import { SessionStore } from './session-store.port';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { SignInOptionsSource } from './sign-in-options.source';
import { UserAccountRepository } from './user-account.repository';

/**
 * Sessions, sign-in, and the global guards: rate limits first, then `@Allow`/`@Public` on every route.
 * Global, so any feature module can inject the session and account services (the SSO module does).
 */
@Global()
@Module({
  imports: [StaffModule],
  controllers: [AuthController],
  providers: [
    SessionRepository,
    {
      provide: SessionStore,
      inject: [AppConfig, SessionRepository],
      useFactory: (config: AppConfig, repository: SessionRepository): SessionStore =>
        config.redis
          ? new RedisSessionStore(config.redis.url, config.redis.prefix)
          : new PostgresSessionStore(repository),
    },
    SessionService,
    UserAccountRepository,
    AccessService,
    AuthEvents,
    AuthService,
    BreakGlassAccountsService,
    SignInOptionsSource,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [
    SessionService,
    UserAccountRepository,
    AccessService,
    AuthService,
    AuthEvents,
    BreakGlassAccountsService,
    SignInOptionsSource,
  ],
})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Inject(SessionStore) private readonly store: SessionStore) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.store instanceof RedisSessionStore) await this.store.close();
  }
}
