import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RemindersModule } from '../reminders/reminders.module';
import { MemberCards } from './member-cards';
import { Member } from './member.entity';
import { MembersController } from './members.controller';
import { MemberRepository } from './member.repository';
import { MembersService } from './members.service';

@Module({
  imports: [TypeOrmModule.forFeature([Member]), RemindersModule],
  controllers: [MembersController],
  providers: [MembersService, MemberCards, MemberRepository],
  exports: [MembersService, MemberCards, MemberRepository],
})
export class MembersModule {}
