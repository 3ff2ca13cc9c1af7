import { ContentTexts } from '../common/i18n/content-texts';
import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '../common/http/api-error';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import { CreateOrganizationDto, UpdateOrganizationDto } from '../organizations/dto/organization.dto';
import type { OrganizationResponse } from '../organizations/dto/organization.response';
import type { Organization } from '../organizations/organization.entity';
import { ORGANIZATION_KINDS } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { MemberRepository } from '../members/member.repository';
import { textValues } from './body-form.service';
import type { FormValues } from './body-form.service';
import { choices } from './choices';
import { submitForm } from './form-outcome';
import type { FormOutcome } from './form-outcome';
import { blankToUndefined, byField } from './forms';
import { listOf } from './meeting-form-values';

const FIELDS = ['name.en', 'name.ru', 'name.kk', 'kind', 'countryCode'] as const;

/** The list and the add and edit forms of organisations, through the API's DTOs and service. */
@Injectable()
export class OrganizationFormService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly organizations: OrganizationsService,
    private readonly members: MemberRepository,
  ) {}

  async list(language: Language) {
    const page = await this.organizations.list({ limit: 200, offset: 0 });
    return page.items.map((o) => ({
      id: o.id,
      name: this.texts.pick(o.name, language),
      names: LANGUAGES.map((l) => o.name[l])
        .filter((n): n is string => Boolean(n))
        .join(' / '),
      kind: label('organizationKind', o.kind, language),
      country: o.countryCode ?? '—',
      focalPoints: o.focalPoints.map((m) => `${m.fullName} (${m.countryCode})`).join(', '),
      editLabel: t('orgs.editOne', language, { name: this.texts.pick(o.name, language) }),
    }));
  }

  valuesOf(organization: Organization | null): FormValues {
    return {
      'name.en': organization?.name.en ?? '',
      'name.ru': organization?.name.ru ?? '',
      'name.kk': organization?.name.kk ?? '',
      kind: organization?.kind ?? 'ministry',
      countryCode: organization?.countryCode ?? '',
    };
  }

  async save(
    id: string | null,
    form: Record<string, unknown>,
  ): Promise<{ values: FormValues; outcome: FormOutcome<Organization> }> {
    const values = textValues(form, FIELDS);
    const input = {
      name: blankToUndefined(Object.fromEntries(LANGUAGES.map((l) => [l, values[`name.${l}`].trim()]))),
      kind: values.kind,
      // An emptied country box clears it, as null does in the API.
      countryCode: values.countryCode.trim() || null,
    };
    const outcome = id
      ? await submitForm(UpdateOrganizationDto, input, (dto) => this.organizations.update(id, dto))
      : await submitForm(CreateOrganizationDto, input, (dto) => this.organizations.create(dto));
    return { values, outcome };
  }

  /** Active members to tick, and any deactivated focal point still on the list so it can be unticked. */
  async focalPointChoices(organization: OrganizationResponse, chosen: string[], language: Language) {
    const active = await this.members.activeByCountry();
    const gone = organization.focalPoints.filter((m) => !m.active);
    const ticked = new Set(chosen);
    return [...active, ...gone].map((m) => ({
      id: m.id,
      name: m.fullName,
      country: m.countryCode,
      inactive: !m.active,
      checked: ticked.has(m.id),
      label: m.active ? m.fullName : `${m.fullName} (${t('orgs.focal.inactive', language)})`,
    }));
  }

  /** Replaces the focal points with those ticked; none ticked leaves none. */
  saveFocalPoints(id: string, form: Record<string, unknown>) {
    const chosen = listOf(form.focalPointMemberIds);
    return submitForm(UpdateOrganizationDto, { focalPointMemberIds: chosen }, (dto) =>
      this.organizations.update(id, dto),
    ).then((outcome) => ({ chosen, outcome }));
  }

  view(values: FormValues, problems: FieldProblem[], language: Language) {
    const errors = byField(problems);
    if (errors.name && !errors['name.en']) errors['name.en'] = errors.name;
    return {
      values,
      errors,
      problems,
      kinds: choices(ORGANIZATION_KINDS, values.kind, (kind) => label('organizationKind', kind, language)),
    };
  }
}
