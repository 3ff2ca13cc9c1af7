import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { Page } from '../common/http/pagination';
import { canonicalTimeZone } from '../common/time/time-zone';
import { UnitOfWork } from '../notifications/unit-of-work';
import { MeetingRemindersPlanner } from '../reminders/meeting-reminders.planner';
import { CreateMeetingDto, MeetingQuery, ReasonDto, UpdateMeetingDto } from './dto/meeting.dto';
import { InvitationRepository } from './invitation.repository';
import { Meeting } from './meeting.entity';
import type { MeetingTranslated } from './meeting.entity';
import { storedTranslations } from '../common/validation/translations.dto';
import { MeetingNotifier } from './meeting-notifier';
import { MeetingRepository } from './meeting.repository';
import { assertStarted } from './meeting-started';
import { MeetingView, toMeetingView } from './meeting.view';

/** Fields whose change moves the meeting in people's calendars. */
const CALENDAR_FIELDS = ['startsAt', 'endsAt', 'venue', 'city', 'countryCode', 'onlineUrl'] as const;

@Injectable()
export class MeetingsService {
  constructor(
    private readonly audit: AuditService,
    private readonly notifier: MeetingNotifier,
    private readonly unitOfWork: UnitOfWork,
    private readonly reminders: MeetingRemindersPlanner,
    private readonly access: AccessPolicy,
    private readonly invitations: InvitationRepository,
    private readonly records: MeetingRepository,
  ) {}

  async create(dto: CreateMeetingDto): Promise<MeetingView> {
    const meeting = await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      if (!(await this.records.bodyExists(manager, dto.bodyId)))
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'bodyId', `no body has the id ${dto.bodyId}`);
      if (dto.status === 'scheduled' && !dto.startsAt)
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'startsAt', 'a scheduled meeting needs startsAt');
      const created = manager.create(Meeting, {
        bodyId: dto.bodyId,
        kind: dto.kind,
        number: dto.number ?? null,
        title: dto.title,
        timeZone: canonicalTimeZone(dto.timeZone),
        ...this.times(dto.startsAt, dto.endsAt),
        venue: dto.location?.venue ?? null,
        city: dto.location?.city ?? null,
        countryCode: dto.location?.countryCode ?? null,
        onlineUrl: dto.onlineUrl ?? null,
        description: dto.description ?? null,
        originalLanguage: dto.originalLanguage ?? null,
        translations: storedTranslations<MeetingTranslated>(dto.translations),
        reminderOffsets: dto.reminderOffsets ?? null,
        documentDeadlines: dto.documentDeadlines ? { ...dto.documentDeadlines } : null,
        status: dto.status ?? (dto.startsAt ? 'scheduled' : 'tentative'),
        statusReason: null,
        sequence: 0,
      });
      await this.assertNumberFree(manager, created);
      await this.records.save(manager, created);
      // Nobody is invited yet: this plans the secretariat's document deadline reminders.
      await this.reminders.plan(unit, created);
      await this.audit.record(manager, 'create', 'meeting', created.id, null, created);
      return created;
    });
    return toMeetingView(meeting);
  }

  async get(id: string): Promise<MeetingView> {
    await this.access.assertMeetingVisible(id);
    return toMeetingView(await this.unitOfWork.runStatements(({ manager }) => this.load(manager, id)));
  }

  async load(manager: EntityManager, id: string, lock = false): Promise<Meeting> {
    const meeting = await this.records.find(manager, id, lock);
    if (!meeting) throw ApiError.notFound('Meeting', id);
    return meeting;
  }

  async list(query: MeetingQuery): Promise<Page<MeetingView>> {
    const bodies = await this.access.bodyIds();
    return this.records.page(query, bodies === null ? null : { bodies, me: this.access.member() }, toMeetingView);
  }

  /** A change of time or place raises the calendar SEQUENCE and tells everyone already invited. */
  async update(id: string, dto: UpdateMeetingDto, language: Language = 'en'): Promise<MeetingView> {
    const meeting = await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const meeting = await this.load(manager, id, true);
      if (meeting.status === 'cancelled' || meeting.status === 'held') {
        throw ApiError.conflict(`The meeting is ${meeting.status}; it can no longer be changed`);
      }
      const before = { ...meeting };
      const { location, startsAt, endsAt, timeZone, status, translations, documentDeadlines, ...rest } = dto;
      manager.merge(Meeting, meeting, rest);
      if (documentDeadlines !== undefined)
        meeting.documentDeadlines = documentDeadlines ? { ...documentDeadlines } : null;
      if (translations !== undefined) meeting.translations = storedTranslations<MeetingTranslated>(translations);
      if (timeZone) meeting.timeZone = canonicalTimeZone(timeZone);
      if (location !== undefined)
        Object.assign(meeting, {
          venue: location?.venue ?? null,
          city: location?.city ?? null,
          countryCode: location?.countryCode ?? null,
        });
      if (startsAt !== undefined || endsAt !== undefined) {
        if (meeting.status === 'postponed' || (meeting.status === 'tentative' && meeting.startsAt === null)) {
          throw ApiError.conflict(
            `The meeting is ${meeting.status}: set its date with POST /api/meetings/${id}/confirm`,
            'startsAt',
          );
        }
        // Moving only the start keeps the meeting's length.
        const start = startsAt ?? meeting.startsAt!.toISOString();
        const length = meeting.endsAt ? meeting.endsAt.getTime() - meeting.startsAt!.getTime() : null;
        const end =
          endsAt ??
          (startsAt && length !== null
            ? new Date(new Date(startsAt).getTime() + length).toISOString()
            : meeting.endsAt?.toISOString());
        Object.assign(meeting, this.times(start, end));
      }
      if (status === 'held') {
        if (meeting.status !== 'scheduled')
          throw ApiError.conflict(
            `Only a scheduled meeting can be marked held; this one is ${meeting.status}`,
            'status',
          );
        assertStarted(meeting, 'held', language);
        meeting.status = 'held';
      }
      await this.assertNumberFree(manager, meeting);
      const moved = CALENDAR_FIELDS.some((field) => String(before[field] ?? '') !== String(meeting[field] ?? ''));
      if (moved && (meeting.status === 'scheduled' || (meeting.status === 'tentative' && meeting.startsAt !== null))) {
        meeting.sequence += 1;
        await this.records.save(manager, meeting);
        await this.notifier.planChange(unit, meeting, {
          startsAt: before.startsAt?.toISOString() ?? null,
          endsAt: before.endsAt?.toISOString() ?? null,
          venue: before.venue,
          city: before.city,
          countryCode: before.countryCode,
          onlineUrl: before.onlineUrl,
        });
      } else {
        await this.records.save(manager, meeting);
      }
      await this.reminders.plan(unit, meeting);
      await this.audit.record(manager, 'update', 'meeting', id, before, meeting);
      return meeting;
    });
    return toMeetingView(meeting);
  }

  cancel(id: string, dto: ReasonDto): Promise<MeetingView> {
    return this.endWith(id, 'cancelled', 'meeting-cancellation', dto.reason ?? null);
  }

  postpone(id: string, dto: ReasonDto): Promise<MeetingView> {
    return this.endWith(id, 'postponed', 'meeting-postponement', dto.reason ?? null);
  }

  /** Cancel or postpone: every planned email about it stops, and the participants are told (calendars get a CANCEL). */
  private async endWith(
    id: string,
    status: 'cancelled' | 'postponed',
    kind: 'meeting-cancellation' | 'meeting-postponement',
    reason: string | null,
  ): Promise<MeetingView> {
    const meeting = await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const meeting = await this.load(manager, id, true);
      if (
        meeting.status === 'cancelled' ||
        meeting.status === 'held' ||
        (status === 'postponed' && meeting.status === 'postponed')
      ) {
        throw ApiError.conflict(`The meeting is ${meeting.status}; it cannot be ${status}`);
      }
      const before = { ...meeting };
      meeting.status = status;
      meeting.statusReason = reason;
      meeting.sequence += 1;
      await this.records.save(manager, meeting);
      await this.notifier.cancelAll(manager, id, `the meeting was ${status}`);
      const told = await this.invitations.toldOfEnd(manager, id, before.pollOpenedAt !== null);
      await this.notifier.plan(unit, meeting, kind, told);
      await this.audit.record(manager, 'update', 'meeting', id, before, meeting);
      return meeting;
    });
    return toMeetingView(meeting);
  }

  /** Checks and converts start and end; the end may be omitted (unknown yet). */
  times(
    startsAt: string | undefined | null,
    endsAt: string | undefined | null,
  ): { startsAt: Date | null; endsAt: Date | null } {
    if (!startsAt) {
      if (endsAt) throw ApiError.field(HttpStatus.BAD_REQUEST, 'startsAt', 'startsAt is required when endsAt is given');
      return { startsAt: null, endsAt: null };
    }
    const start = new Date(startsAt);
    if (!endsAt) return { startsAt: start, endsAt: null };
    const end = new Date(endsAt);
    if (end <= start)
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'endsAt', `endsAt (${endsAt}) must be after startsAt (${startsAt})`);
    if (end.getTime() - start.getTime() > 31 * 86_400_000)
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'endsAt', 'a meeting cannot last more than 31 days');
    return { startsAt: start, endsAt: end };
  }

  private async assertNumberFree(manager: EntityManager, meeting: Meeting) {
    if (meeting.number === null) return;
    const clash = await this.records.numberClash(manager, meeting);
    if (clash)
      throw ApiError.conflict(
        `Meeting number ${meeting.number} of this kind is already used in this body (meeting ${clash.id})`,
        'number',
      );
  }
}
