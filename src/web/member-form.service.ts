import { t } from '../common/i18n/messages';
import { labelledProblems } from './form-problems';
import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { CreateMemberDto, UpdateMemberDto } from '../members/dto/member.dto';
import type { Member } from '../members/member.entity';
import { MembersService } from '../members/members.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { choices, digestChoices, languageChoices, zoneChoices } from './choices';
import { submitForm } from './form-outcome';
import { byField } from './forms';
import { ContentTexts } from '../common/i18n/content-texts';

const TEXT_FIELDS = [
  'fullName',
  'email',
  'countryCode',
  'organization',
  'position',
  'language',
  'timeZone',
  'digest',
] as const;

/** What the form's boxes hold, as typed: shown again unchanged when the member cannot be saved. */
export type MemberFormValues = Record<(typeof TEXT_FIELDS)[number], string> & { active: boolean };

export type MemberFormOutcome =
  { ok: true; member: Member } | { ok: false; status: number; problems: FieldProblem[]; values: MemberFormValues };

@Injectable()
export class MemberFormService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly members: MembersService,
    private readonly organizations: OrganizationsService,
  ) {}

  valuesOf(member: Member | null): MemberFormValues {
    if (!member)
      return {
        fullName: '',
        email: '',
        countryCode: '',
        organization: '',
        position: '',
        language: 'en',
        timeZone: 'Asia/Almaty',
        digest: 'immediate',
        active: true,
      };
    return {
      fullName: member.fullName,
      email: member.email,
      countryCode: member.countryCode,
      organization: member.organizationId ?? '',
      position: member.position ?? '',
      language: member.language,
      timeZone: member.timeZone,
      digest: member.digest,
      active: member.active,
    };
  }

  /** An unticked box is absent from the form: absent means not active. */
  valuesFromForm(body: Record<string, unknown>): MemberFormValues {
    const text = (key: string) => (typeof body?.[key] === 'string' ? body[key] : '');
    return {
      ...(Object.fromEntries(TEXT_FIELDS.map((key) => [key, text(key)])) as Record<
        (typeof TEXT_FIELDS)[number],
        string
      >),
      active: body?.active === 'true',
    };
  }

  async save(id: string | null, body: Record<string, unknown>): Promise<MemberFormOutcome> {
    const values = this.valuesFromForm(body);
    // An emptied optional box clears the value, as null does in the API.
    const input = { ...values, organization: values.organization || null, position: values.position || null };
    const outcome = id
      ? await submitForm(UpdateMemberDto, input, (dto) => this.members.update(id, dto))
      : await submitForm(CreateMemberDto, input, (dto) => this.members.create(dto));
    return outcome.ok ? { ok: true, member: outcome.value } : { ...outcome, values };
  }

  async view(values: MemberFormValues, apiProblems: FieldProblem[], language: Language) {
    const problems = labelledProblems(apiProblems, memberLabels(language), language);
    const organizations = (await this.organizations.list({ limit: 200, offset: 0 })).items;
    return {
      values,
      errors: byField(problems),
      problems,
      organizations: choices(
        organizations.map((o) => o.id),
        values.organization,
        (organizationId) => this.texts.pick(organizations.find((o) => o.id === organizationId)!.name, language),
      ),
      languages: languageChoices(values.language),
      zones: zoneChoices(values.timeZone),
      digests: digestChoices(values.digest, language),
    };
  }
}

/** The member form's labels by the API's field names. */
function memberLabels(language: Language): Record<string, string> {
  return {
    fullName: t('members.name', language),
    email: t('members.email', language),
    countryCode: t('members.country', language),
    organizationId: t('members.organization', language),
    position: t('members.position', language),
    language: t('members.language', language),
    timeZone: t('members.timeZone', language),
    digest: t('members.digest', language),
    active: t('members.form.activeLabel', language),
  };
}
