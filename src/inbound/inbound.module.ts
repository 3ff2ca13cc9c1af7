import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InboundMessage } from './inbound-message.entity';
import { InboundMessageRepository } from './inbound-message.repository';
import { InboundReplyHandler } from './inbound-reply.handler';

/** The mailbox members answer to: calendar replies, replies, auto-replies and bounces. */
@Module({
  imports: [TypeOrmModule.forFeature([InboundMessage])],
  providers: [InboundMessageRepository, InboundReplyHandler],
  exports: [InboundMessageRepository, InboundReplyHandler],
})
export class InboundModule {}
