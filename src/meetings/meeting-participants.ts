import { HttpStatus, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { ApiError } from '../common/http/api-error';
import { t } from '../common/i18n/messages';
import { MemberRepository } from '../members/member.repository';
import type { AudienceDto } from './dto/poll.dto';
import type { Invitation } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import type { Meeting } from './meeting.entity';

/** Resolves who is asked (given members, or the body on the meeting day) and keeps their rows. */
@Injectable()
export class MeetingParticipants {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly members: MemberRepository,
  ) {}

  async resolve(manager: EntityManager, meeting: Meeting, audience: AudienceDto): Promise<string[]> {
    if (!audience.memberIds?.length && !audience.fromBody) {
      throw ApiError.field(
        HttpStatus.BAD_REQUEST,
        'memberIds',
        'give memberIds, or fromBody: true for everyone serving in the body',
      );
    }
    const ids = new Set(audience.memberIds ?? []);
    if (audience.memberIds?.length) {
      const found = await this.members.findByIds(manager, [...ids]);
      const missing = [...ids].filter((id) => !found.some((m) => m.id === id));
      if (missing.length)
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'memberIds', `no member has the id ${missing.join(', ')}`);
      const inactive = found.filter((m) => !m.active);
      if (inactive.length)
        throw ApiError.field(
          HttpStatus.BAD_REQUEST,
          'memberIds',
          t('meeting.audience.inactive', 'en', {
            names: inactive.map((m) => m.fullName).join(', '),
            count: inactive.length,
          }),
        );
    }
    if (audience.fromBody) {
      const day = DateTime.fromJSDate(meeting.startsAt ?? new Date(), { zone: meeting.timeZone }).toISODate()!;
      const serving = await this.members.activeServingOn(manager, meeting.bodyId, day);
      serving.forEach((id) => ids.add(id));
    }
    return [...ids];
  }

  /** Adds participant rows for those not yet in; returns every given member's row. */
  ensure(manager: EntityManager, meetingId: string, memberIds: string[]): Promise<Invitation[]> {
    return this.invitations.ensure(manager, meetingId, memberIds);
  }
}
