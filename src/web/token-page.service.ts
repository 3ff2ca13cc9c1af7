import { Injectable } from '@nestjs/common';
import { ApiTokensService } from '../auth/api-tokens.service';
import type { FieldProblem } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { formatDateTimeInZone } from '../common/time/format';
import { MemberRepository } from '../members/member.repository';
import type { FormValues } from './body-form.service';
import { choices } from './choices';
import { byField } from './forms';

const ROLES = ['secretariat', 'member'] as const;

/** The tokens page: every token (never the token itself), and the form of a new one. */
@Injectable()
export class TokenPageService {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly members: MemberRepository,
  ) {}

  async view(values: FormValues, problems: FieldProblem[], language: Language, zone: string) {
    const [tokens, members] = await Promise.all([this.tokens.list(), this.members.activeByCountry()]);
    const name = new Map(members.map((m) => [m.id, m.fullName]));
    const when = (date: Date | null) => (date ? formatDateTimeInZone(date.toISOString(), zone, language) : '—');
    return {
      values,
      errors: byField(problems),
      problems,
      roles: choices(ROLES, values.role, (role) => t(`tokens.role.${role as (typeof ROLES)[number]}`, language)),
      members: members.map((m) => ({
        value: m.id,
        label: `${m.fullName} (${m.countryCode})`,
        selected: m.id === values.memberId,
      })),
      tokens: tokens.map((token) => ({
        id: token.id,
        name: token.name,
        prefix: `${token.prefix}…`,
        role: t(`tokens.role.${token.role}`, language),
        member: token.memberId ? (name.get(token.memberId) ?? token.memberId) : null,
        createdBy: token.createdBy,
        createdAt: when(token.createdAt),
        lastUsedAt: when(token.lastUsedAt),
        revoked: token.revokedAt ? t('tokens.revokedOn', language, { date: when(token.revokedAt) }) : null,
        revokeLabel: t('tokens.revokeOne', language, { name: token.name }),
      })),
    };
  }
}
