import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PostgresSharedState } from './postgres-shared-state';
import { RateLimiter } from './rate-limit';
import { RedisSharedState } from './redis-shared-state';
import { SharedState } from './shared-state.port';
import { SharedStateRepository } from './shared-state.repository';

@Global()
@Module({
  providers: [
    SharedStateRepository,
    RateLimiter,
    {
      provide: SharedState,
      inject: [AppConfig, SharedStateRepository],
      useFactory: (config: AppConfig, repository: SharedStateRepository): SharedState =>
        config.redis
          ? new RedisSharedState(config.redis.url, config.redis.prefix)
          : new PostgresSharedState(repository),
    },
  ],
  exports: [SharedState, RateLimiter],
})
export class SharedStateModule implements OnApplicationShutdown {
  constructor(@Inject(SharedState) private readonly state: SharedState) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.state instanceof RedisSharedState) await this.state.close();
  }
}
