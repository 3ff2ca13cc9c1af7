import { labelledProblems } from './form-problems';
import { HttpStatus, Injectable } from '@nestjs/common';
import { BodiesService } from '../bodies/bodies.service';
import { MEMBERSHIP_ROLES } from '../bodies/membership.entity';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { label } from '../common/i18n/labels';
import { MemberQuery } from '../members/dto/member.dto';
import { MembersService } from '../members/members.service';
import { choices } from './choices';
import { blankToUndefined, byField, validateForm } from './forms';
import { ContentTexts } from '../common/i18n/content-texts';

export const MEMBERS_PER_PAGE = 25;
const FILTERS = ['country', 'bodyId', 'role', 'active', 'q'] as const;

/** The members list with the API's own filters; a filter the API refuses is shown beside its box. */
@Injectable()
export class MemberDirectoryService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly members: MembersService,
    private readonly bodies: BodiesService,
  ) {}

  async page(query: Record<string, unknown>, language: Language) {
    const filters = Object.fromEntries(
      FILTERS.map((key) => [key, typeof query[key] === 'string' ? query[key] : '']),
    ) as Record<(typeof FILTERS)[number], string>;
    const offset = typeof query.offset === 'string' ? query.offset : '0';
    const checked = await validateForm(MemberQuery, { ...blankToUndefined(filters), limit: MEMBERS_PER_PAGE, offset });
    const problems = checked.ok
      ? []
      : labelledProblems(
          checked.problems,
          {
            q: t('members.filter.q', language),
            country: t('members.filter.country', language),
            bodyId: t('members.filter.body', language),
            role: t('members.filter.role', language),
            active: t('members.filter.active', language),
          },
          language,
        );
    const found = checked.ok
      ? await this.members.list(checked.value)
      : { items: [], total: 0, limit: MEMBERS_PER_PAGE, offset: 0 };
    const bodies = (await this.bodies.list({ limit: 200, offset: 0 })).items;
    const link = (at: number) =>
      `/members?${new URLSearchParams({ ...blankToUndefined(filters), offset: String(at) } as Record<string, string>).toString()}`;
    const hasPrevious = found.offset > 0;
    const hasNext = found.offset + found.items.length < found.total;
    return {
      status: checked.ok ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
      filters,
      errors: byField(problems),
      problems,
      bodies: choices(
        bodies.map((b) => b.id),
        filters.bodyId,
        (id) => this.texts.pick(bodies.find((b) => b.id === id)!.name, language),
      ),
      roles: choices(MEMBERSHIP_ROLES, filters.role, (role) => label('membershipRole', role, language)),
      activeChoices: choices(['true', 'false'], filters.active, (value) =>
        t(value === 'true' ? 'members.active' : 'members.inactive', language),
      ),
      members: found.items.map((m) => ({
        id: m.id,
        fullName: m.fullName,
        email: m.email,
        countryCode: m.countryCode,
        organization: m.organization ? this.texts.pick(m.organization.name, language) : '—',
        active: m.active,
      })),
      range: found.total
        ? t('members.range', language, {
            from: String(found.offset + 1),
            to: String(found.offset + found.items.length),
            total: String(found.total),
          })
        : '',
      previous: hasPrevious ? link(Math.max(0, found.offset - MEMBERS_PER_PAGE)) : null,
      next: hasNext ? link(found.offset + MEMBERS_PER_PAGE) : null,
      paged: hasPrevious || hasNext,
    };
  }
}
