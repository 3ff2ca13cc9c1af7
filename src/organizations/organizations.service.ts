import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { UnitOfWork } from '../notifications/unit-of-work';
import { ItemRemindersPlanner } from '../reminders/item-reminders.planner';
import { CreateOrganizationDto, OrganizationQuery, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationResponse } from './dto/organization.response';
import { OrganizationFocalPointRepository } from './organization-focal-point.repository';
import { Organization } from './organization.entity';
import { OrganizationRepository } from './organization.repository';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly repository: OrganizationRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly focalPoints: OrganizationFocalPointRepository,
    private readonly itemReminders: ItemRemindersPlanner,
  ) {}

  create(dto: CreateOrganizationDto): Promise<OrganizationResponse> {
    return this.unitOfWork.run(async ({ manager }) => {
      const { focalPointMemberIds, ...fields } = dto;
      const organization = manager.create(Organization, { ...fields, countryCode: fields.countryCode ?? null });
      await this.repository.save(manager, organization);
      const focal = await this.setFocalPoints(manager, organization.id, focalPointMemberIds);
      await this.audit.record(manager, 'create', 'organization', organization.id, null, {
        ...organization,
        focalPointMemberIds: focal ?? [],
      });
      return (await this.withFocalPoints([organization], manager))[0];
    });
  }

  async get(id: string): Promise<OrganizationResponse> {
    const organization = await this.repository.findById(id);
    if (!organization) throw ApiError.notFound('Organization', id);
    return (await this.withFocalPoints([organization]))[0];
  }

  async list(query: OrganizationQuery): Promise<Page<OrganizationResponse>> {
    const page = await this.repository.page(query);
    return { ...page, items: await this.withFocalPoints(page.items) };
  }

  /** New focal points change who is reminded of the organisation's activities nobody is named on: planned again here. */
  update(id: string, dto: UpdateOrganizationDto): Promise<OrganizationResponse> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const organization = await this.repository.lock(manager, id);
      if (!organization) throw ApiError.notFound('Organization', id);
      const { focalPointMemberIds, ...fields } = dto;
      const focalBefore = (await this.focalPoints.of([id], manager)).map((f) => f.id);
      const before = { ...organization, focalPointMemberIds: focalBefore };
      manager.merge(Organization, organization, fields);
      await this.repository.save(manager, organization);
      const focal = await this.setFocalPoints(manager, id, focalPointMemberIds);
      await this.audit.record(manager, 'update', 'organization', id, before, {
        ...organization,
        focalPointMemberIds: focal ?? focalBefore,
      });
      if (focal) await this.itemReminders.planExecutedBy(unit, id);
      return (await this.withFocalPoints([organization], manager))[0];
    });
  }

  findByAnyName(name: string): Promise<Organization | null> {
    return this.repository.findByAnyName(name);
  }

  /** Replaces the focal points when given; unknown member ids are refused by name of the field. */
  private async setFocalPoints(
    manager: EntityManager,
    organizationId: string,
    memberIds: string[] | undefined,
  ): Promise<string[] | null> {
    if (memberIds === undefined) return null;
    const unique = [...new Set(memberIds)];
    const found = await this.focalPoints.existingMembers(manager, unique);
    const missing = unique.filter((id) => !found.includes(id));
    if (missing.length)
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'focalPointMemberIds', `no member has the id ${missing.join(', ')}`);
    await this.focalPoints.replace(manager, organizationId, unique);
    return unique;
  }

  private async withFocalPoints(
    organizations: Organization[],
    manager?: EntityManager,
  ): Promise<OrganizationResponse[]> {
    const rows = await this.focalPoints.of(
      organizations.map((o) => o.id),
      manager,
    );
    return organizations.map((organization) => {
      const focalPoints = rows
        .filter((row) => row.organizationId === organization.id)
        .map(({ organizationId, ...member }) => member);
      return Object.assign(organization, { focalPointMemberIds: focalPoints.map((m) => m.id), focalPoints });
    });
  }
}
