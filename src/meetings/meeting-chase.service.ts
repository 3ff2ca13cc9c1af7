import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { ApiError } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { waitText } from '../common/time/wait-text';
import { todayIn } from '../common/time/dates';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { NotificationRepository } from '../notifications/notification.repository';
import { UnitOfWork } from '../notifications/unit-of-work';
import { ChaseDto, ChaseResponse } from './dto/chase.dto';
import { InvitationRepository } from './invitation.repository';
import type { Meeting } from './meeting.entity';
import { MeetingNotifier } from './meeting-notifier';
import { MeetingRepository } from './meeting.repository';
import { MeetingsService } from './meetings.service';

/** One chase to exactly those who have not answered; a second within the configured interval is refused. */
@Injectable()
export class MeetingChaseService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly meetings: MeetingsService,
    private readonly records: MeetingRepository,
    private readonly invitations: InvitationRepository,
    private readonly notifier: MeetingNotifier,
    private readonly notifications: NotificationRepository,
  ) {}

  chase(meetingId: string, dto: ChaseDto, language: Language = 'en'): Promise<ChaseResponse> {
    const kind = dto.about === 'poll' ? 'poll-chase' : 'meeting-rsvp-chase';
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      // The lock makes two clicks at once wait for each other: the second finds the first's chase.
      const meeting = await this.meetings.load(manager, meetingId, true);
      this.assertChaseable(meeting, dto, language);
      const last = await this.notifications.lastManualChase(manager, meetingId, kind);
      const waitMs = last ? last.getTime() + this.config.remindNowIntervalMinutes * 60_000 - Date.now() : 0;
      if (waitMs > 0)
        throw ApiError.tooManyRequests(
          'about',
          t('chase.tooSoon', language, { wait: waitText(waitMs, language) }),
          Math.ceil(waitMs / 1000),
        );
      const memberIds =
        dto.about === 'poll'
          ? await this.pollSilent(unit.manager, meeting)
          : await this.rsvpSilent(unit.manager, meeting);
      if (memberIds.length === 0) throw ApiError.field(HttpStatus.CONFLICT, 'about', t('chase.nobody', language));
      const daysBefore = meeting.startsAt
        ? Math.max(
            0,
            Math.round(
              DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone })
                .startOf('day')
                .diff(DateTime.fromISO(todayIn(meeting.timeZone), { zone: meeting.timeZone }), 'days').days,
            ),
          )
        : 0;
      const planned = await this.notifier.plan(unit, meeting, kind, memberIds, {
        key: `now${Date.now()}`,
        payload: { manual: true, daysBefore },
      });
      return { about: dto.about, memberIds: planned.length ? memberIds : [] };
    });
  }

  private assertChaseable(meeting: Meeting, dto: ChaseDto, language: Language) {
    if (dto.about === 'poll') {
      const open = (meeting.status === 'tentative' || meeting.status === 'postponed') && meeting.pollOpenedAt !== null;
      if (!open || (meeting.pollClosesAt && meeting.pollClosesAt < new Date()))
        throw ApiError.field(HttpStatus.CONFLICT, 'about', t('chase.pollClosed', language));
    } else if (meeting.status !== 'scheduled') {
      throw ApiError.field(HttpStatus.CONFLICT, 'about', t('chase.notScheduled', language));
    }
  }

  private async pollSilent(manager: EntityManager, meeting: Meeting) {
    const [participants, options] = await Promise.all([
      this.invitations.all(manager, meeting.id),
      this.records.options(manager, meeting.id),
    ]);
    const answers = await this.records.answersTo(
      manager,
      options.map((o) => o.id),
    );
    const answered = new Map<string, number>();
    for (const a of answers) answered.set(a.memberId, (answered.get(a.memberId) ?? 0) + 1);
    return participants.filter((p) => (answered.get(p.memberId) ?? 0) < options.length).map((p) => p.memberId);
  }

  private async rsvpSilent(manager: EntityManager, meeting: Meeting) {
    const invitations = await this.invitations.all(manager, meeting.id);
    return invitations.filter((i) => i.invitedAt !== null && i.response === 'pending').map((i) => i.memberId);
  }
}
