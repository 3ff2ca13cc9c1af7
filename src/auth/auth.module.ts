import { Global, Module } from '@nestjs/common';
import { AccessPolicy } from './access-policy';
import { AccessRepository } from './access.repository';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiToken } from './api-token.entity';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenGuard } from './api-token.guard';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { AuthFailureLimiter } from './auth-failure-limiter';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiToken])],
  controllers: [ApiTokensController],
  providers: [
    ApiTokensService,
    AccessPolicy,
    AccessRepository,
    ApiTokenRepository,
    AuthFailureLimiter,
    { provide: APP_GUARD, useClass: ApiTokenGuard },
  ],
  exports: [ApiTokensService, AccessPolicy, AuthFailureLimiter],
})
export class AuthModule {}
