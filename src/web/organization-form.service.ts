import { ContentTexts } from '../common/i18n/content-texts';
import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '../common/http/api-error';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import { CreateOrganizationDto, UpdateOrganizationDto } from '../organizations/dto/organization.dto';
import type { Organization } from '../organizations/organization.entity';
import { ORGANIZATION_KINDS } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { textValues } from './body-form.service';
import type { FormValues } from './body-form.service';
import { choices } from './choices';
import { submitForm } from './form-outcome';
import type { FormOutcome } from './form-outcome';
import { blankToUndefined, byField } from './forms';

const FIELDS = ['name.en', 'name.ru', 'name.kk', 'kind', 'countryCode'] as const;

/** The list and the add and edit forms of organisations, through the API's DTOs and service. */
@Injectable()
export class OrganizationFormService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly organizations: OrganizationsService,
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
