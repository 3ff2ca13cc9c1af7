import { HttpStatus, Injectable } from '@nestjs/common';
import { BodiesService } from '../bodies/bodies.service';
import { ContinuityReportService } from '../bodies/continuity-report.service';
import { ContinuityQuery } from '../bodies/dto/continuity-query.dto';
import { MembershipsService } from '../bodies/memberships.service';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { label } from '../common/i18n/labels';
import { formatDay } from '../common/time/format';
import { todayIn } from '../common/time/dates';
import { byField, validateForm } from './forms';
import { ContentTexts } from '../common/i18n/content-texts';

/** How far back the continuity report counts turnover on the body's page. */
const TURNOVER_YEARS = 5;

/** The page of one seat of a body: who held it, and the forms to end a term or hand the seat over. */
export function seatHref(bodyId: string, seat: string): string {
  return `/bodies/${bodyId}/seats/${encodeURIComponent(seat)}`;
}

/** A body's page: its composition on any day and the continuity report as of that day. */
@Injectable()
export class BodyOverviewService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly bodies: BodiesService,
    private readonly memberships: MembershipsService,
    private readonly continuity: ContinuityReportService,
  ) {}

  async list(language: Language) {
    const page = await this.bodies.list({ limit: 200, offset: 0 });
    const serving = await Promise.all(
      page.items.map((b) => this.memberships.list(b.id, { at: todayIn(b.timeZone), limit: 1, offset: 0 })),
    );
    return page.items.map((b, index) => ({
      id: b.id,
      name: this.texts.pick(b.name, language),
      kind: label('bodyKind', b.kind, language),
      serving: serving[index].total,
    }));
  }

  async overview(bodyId: string, askedAt: unknown, language: Language) {
    const body = await this.bodies.get(bodyId);
    const typed = typeof askedAt === 'string' ? askedAt : '';
    const checked = await validateForm(ContinuityQuery, {
      bodyId,
      years: TURNOVER_YEARS,
      ...(typed ? { at: typed } : {}),
    });
    const base = {
      name: this.texts.pick(body.name, language),
      kind: label('bodyKind', body.kind, language),
      typedAt: typed,
      zoneNote: t('bodies.dates.zone', language, { zone: body.timeZone }),
    };
    if (!checked.ok)
      return { ...base, status: HttpStatus.BAD_REQUEST, errors: byField(checked.problems), report: null };
    const at = checked.value.at ?? todayIn(body.timeZone);
    const [terms, report] = await Promise.all([
      this.memberships.list(bodyId, { at, limit: 200, offset: 0 }),
      this.continuity.build(bodyId, TURNOVER_YEARS, at),
    ]);
    const role = (value: string) => label('membershipRole', value, language);
    const since = (holder: { fullName: string; role: string; since: string; yearsServed: number }) =>
      `${holder.fullName} (${role(holder.role)}), ${t('bodies.since', language, { date: formatDay(holder.since, language), years: holder.yearsServed })}`;
    return {
      ...base,
      status: HttpStatus.OK,
      errors: {},
      at,
      compositionTitle: t('bodies.composition', language, { date: formatDay(at, language) }),
      continuityTitle: t('bodies.continuity', language, {
        date: formatDay(at, language),
        years: TURNOVER_YEARS,
      }),
      composition: terms.items.map((term) => ({
        memberId: term.memberId,
        seatHref: seatHref(bodyId, term.seat),
        fullName: term.member!.fullName,
        countryCode: term.member!.countryCode,
        role: role(term.role),
        seat: term.seat,
        from: formatDay(term.startDate, language),
        to: term.endDate ? formatDay(term.endDate, language) : t('members.term.open', language),
      })),
      report: {
        seats: report.seats.map((seat) => ({
          seat: seat.seat,
          href: seatHref(bodyId, seat.seat),
          holders: seat.holders.map(since),
          alternates: seat.alternates.map(since),
          people: seat.peopleInPeriod,
          flag: seat.flag ? t(`bodies.flag.${seat.flag}`, language) : '',
        })),
        turnover: report.turnoverByCountry,
      },
    };
  }

  /** Every term of one seat, latest first, with whether it still runs on the body's today. */
  async seat(bodyId: string, seat: string, language: Language) {
    const body = await this.bodies.get(bodyId);
    const today = todayIn(body.timeZone);
    const terms = await this.memberships.list(bodyId, { seat, limit: 200, offset: 0 });
    return {
      bodyName: this.texts.pick(body.name, language),
      today,
      zoneNote: t('bodies.dates.zone', language, { zone: body.timeZone }),
      terms: terms.items
        .slice()
        .reverse()
        .map((term) => ({
          id: term.id,
          memberId: term.memberId,
          fullName: term.member!.fullName,
          role: label('membershipRole', term.role, language),
          from: formatDay(term.startDate, language),
          to: term.endDate ? formatDay(term.endDate, language) : t('members.term.open', language),
          running: term.endDate === null || term.endDate >= today,
        })),
    };
  }
}
