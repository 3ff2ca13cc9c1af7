import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queue-names';
import { RedisClient } from './redis.provider';
import { RateLimiter } from '../common/http/rate-limiter';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: config.queuePrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
  ],
  providers: [RedisClient, RateLimiter],
  exports: [BullModule, RedisClient, RateLimiter],
})
export class QueueModule {}
