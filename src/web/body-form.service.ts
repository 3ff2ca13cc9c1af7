import { ContentTexts } from '../common/i18n/content-texts';
import { HttpStatus, Injectable } from '@nestjs/common';
import { BodiesService } from '../bodies/bodies.service';
import type { Body } from '../bodies/body.entity';
import { BODY_KINDS } from '../bodies/body.entity';
import { CreateBodyDto, UpdateBodyDto } from '../bodies/dto/body.dto';
import { CreateMembershipDto, ReplaceSeatHolderDto, UpdateMembershipDto } from '../bodies/dto/membership.dto';
import { MEMBERSHIP_ROLES } from '../bodies/membership.entity';
import { MembershipsService } from '../bodies/memberships.service';
import type { FieldProblem } from '../common/http/api-error';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import {
  DEFAULT_DOCUMENTS_DAYS,
  DEFAULT_REQUIRED_LANGUAGES,
  DEFAULT_TRANSLATIONS_DAYS,
  distributionRule,
} from '../document-distribution/distribution-rule';
import { MemberRepository } from '../members/member.repository';
import { choices, zoneChoices } from './choices';
import { submitForm } from './form-outcome';
import type { FormOutcome } from './form-outcome';
import { blankToUndefined, byField } from './forms';

export type FormValues = Record<string, string>;

/** Text fields of a posted form, as typed (anything else reads as blank). */
export function textValues(body: Record<string, unknown>, names: readonly string[]): FormValues {
  return Object.fromEntries(names.map((name) => [name, typeof body?.[name] === 'string' ? body[name] : '']));
}

const BODY_FIELDS = [
  'name.en',
  'name.ru',
  'name.kk',
  'kind',
  'parentId',
  'timeZone',
  'documentsDays',
  'translationsDays',
] as const;

/** A typed number of days as the API reads it; anything else is passed on for the DTO to refuse by name. */
const days = (text: string): number | string | null =>
  text.trim() === '' ? null : /^\d+$/.test(text.trim()) ? Number(text) : text;

/** The checked languages of a posted form (one value or several). */
function checkedLanguages(value: unknown): Language[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return LANGUAGES.filter((language) => list.includes(language));
}
export const TERM_FIELDS = ['memberId', 'role', 'seat', 'startDate', 'endDate'] as const;

/** The forms of bodies and their terms: the API's DTOs and the services the API calls. */
@Injectable()
export class BodyFormService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly bodies: BodiesService,
    private readonly memberships: MembershipsService,
    private readonly members: MemberRepository,
  ) {}

  /** A new body starts in the officer's own zone: the one they plan meetings and terms from. */
  bodyValues(body: Body | null, officerZone = 'UTC'): FormValues {
    if (!body)
      return {
        'name.en': '',
        'name.ru': '',
        'name.kk': '',
        kind: 'working_group',
        parentId: '',
        timeZone: officerZone,
        documentsDays: '',
        translationsDays: '',
        requiredLanguages: DEFAULT_REQUIRED_LANGUAGES.join(' '),
      };
    return {
      'name.en': body.name.en ?? '',
      'name.ru': body.name.ru ?? '',
      'name.kk': body.name.kk ?? '',
      kind: body.kind,
      parentId: body.parentId ?? '',
      timeZone: body.timeZone,
      documentsDays: String(body.documentDistribution?.documentsDays ?? ''),
      translationsDays: String(body.documentDistribution?.translationsDays ?? ''),
      requiredLanguages: distributionRule(body.documentDistribution, null).requiredLanguages.join(' '),
    };
  }

  async saveBody(
    id: string | null,
    form: Record<string, unknown>,
  ): Promise<{ values: FormValues; outcome: FormOutcome<Body> }> {
    const required = checkedLanguages(form?.requiredLanguages);
    const values: FormValues = { ...textValues(form, BODY_FIELDS), requiredLanguages: required.join(' ') };
    const name = blankToUndefined(Object.fromEntries(LANGUAGES.map((l) => [l, values[`name.${l}`].trim()])));
    const input = {
      name,
      kind: values.kind,
      parentId: values.parentId || null,
      ...(values.timeZone ? { timeZone: values.timeZone } : {}),
      documentDistribution: {
        documentsDays: days(values.documentsDays),
        translationsDays: days(values.translationsDays),
        requiredLanguages: required,
      },
    };
    const outcome = id
      ? await submitForm(UpdateBodyDto, input, (dto) => this.bodies.update(id, dto))
      : await submitForm(CreateBodyDto, input, (dto) => this.bodies.create(dto));
    return { values, outcome };
  }

  async bodyFormView(id: string | null, values: FormValues, problems: FieldProblem[], language: Language) {
    const others = (await this.bodies.list({ limit: 200, offset: 0 })).items.filter((b) => b.id !== id);
    const errors = byField(problems);
    // A problem with the whole name shows under its first box.
    if (errors.name && !errors['name.en']) errors['name.en'] = errors.name;
    return {
      values,
      errors,
      problems,
      kinds: choices(BODY_KINDS, values.kind, (kind) => label('bodyKind', kind, language)),
      parents: choices(
        others.map((b) => b.id),
        values.parentId,
        (bodyId) => this.texts.pick(others.find((b) => b.id === bodyId)!.name, language),
      ),
      zones: zoneChoices(values.timeZone),
      requiredLanguages: LANGUAGES.map((code) => ({
        code,
        label: label('language', code, language),
        checked: values.requiredLanguages.split(' ').includes(code),
      })),
      defaults: { documentsDays: DEFAULT_DOCUMENTS_DAYS, translationsDays: DEFAULT_TRANSLATIONS_DAYS },
    };
  }

  addTerm(bodyId: string, form: Record<string, unknown>) {
    const values = textValues(form, TERM_FIELDS);
    return submitForm(CreateMembershipDto, blankToUndefined(values), (dto) => this.memberships.create(bodyId, dto));
  }

  async endTerm(
    bodyId: string,
    termId: string,
    form: Record<string, unknown>,
    language: Language,
  ): Promise<FormOutcome<unknown>> {
    const { endDate } = textValues(form, ['endDate']);
    // The API reads a missing endDate as "leave it"; the page's form asks for the last day.
    if (!endDate)
      return {
        ok: false,
        status: HttpStatus.BAD_REQUEST,
        problems: [{ field: 'endDate', message: t('bodies.term.endDate.required', language) }],
      };
    return submitForm(UpdateMembershipDto, { endDate }, (dto) => this.memberships.update(bodyId, termId, dto));
  }

  replaceHolder(bodyId: string, termId: string, form: Record<string, unknown>) {
    const values = textValues(form, ['memberId', 'startDate', 'role']);
    return submitForm(ReplaceSeatHolderDto, blankToUndefined(values), (dto) =>
      this.memberships.replaceHolder(bodyId, termId, dto),
    );
  }

  async memberChoices(selected: string) {
    const members = await this.members.activeByCountry();
    return members.map((m) => ({
      value: m.id,
      label: `${m.fullName} (${m.countryCode})`,
      selected: m.id === selected,
    }));
  }

  roleChoices(selected: string, language: Language) {
    return choices(MEMBERSHIP_ROLES, selected, (role) => label('membershipRole', role, language));
  }
}
