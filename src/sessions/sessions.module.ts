import { Module } from '@nestjs/common';
import { PagesModule } from '../pages/pages.module';
import { SessionPagesController } from './session-pages.controller';
import { SessionRepository } from './session.repository';
import { SessionsService } from './sessions.service';
import { SignInComposer } from './sign-in.composer';

@Module({
  imports: [PagesModule],
  controllers: [SessionPagesController],
  providers: [SessionsService, SessionRepository, SignInComposer],
  exports: [SessionsService],
})
export class SessionsModule {}
