import { paginate } from '../common/database/paginate';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { likePattern } from '../common/database/like';
import { CreateOrganizationDto, OrganizationQuery, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationResponse } from './dto/organization.response';
import { OrganizationFocalPointRepository } from './organization-focal-point.repository';
import { Organization } from './organization.entity';
import { UnitOfWork } from '../notifications/unit-of-work';
import { ItemRemindersPlanner } from '../reminders/item-reminders.planner';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly repository: Repository<Organization>,
    private readonly audit: AuditService,
    private readonly unitOfWork: UnitOfWork,
    private readonly focalPoints: OrganizationFocalPointRepository,
    private readonly itemReminders: ItemRemindersPlanner,
  ) {}

  create(dto: CreateOrganizationDto): Promise<OrganizationResponse> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const { focalPointMemberIds, ...fields } = dto;
      const organization = manager.create(Organization, { ...fields, countryCode: fields.countryCode ?? null });
      await manager.save(organization);
      const focal = await this.setFocalPoints(manager, organization.id, focalPointMemberIds);
      await this.audit.record(manager, 'create', 'organization', organization.id, null, {
        ...organization,
        focalPointMemberIds: focal ?? [],
      });
      return (await this.withFocalPoints([organization], manager))[0];
    });
  }

  async get(id: string): Promise<OrganizationResponse> {
    const organization = await this.repository.findOneBy({ id });
    if (!organization) throw ApiError.notFound('Organization', id);
    return (await this.withFocalPoints([organization]))[0];
  }

  async list(query: OrganizationQuery): Promise<Page<OrganizationResponse>> {
    const qb = this.repository
      .createQueryBuilder('o')
      .orderBy("coalesce(o.name->>'en', o.name->>'ru', o.name->>'kk')", 'ASC')
      .addOrderBy('o.id');
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.country) qb.andWhere('o.country_code = :country', { country: query.country });
    if (query.q) {
      qb.andWhere(`EXISTS (SELECT 1 FROM jsonb_each_text(o.name) n WHERE n.value ILIKE :q)`, {
        q: likePattern(query.q),
      });
    }
    const page = await paginate(qb, query);
    return { ...page, items: await this.withFocalPoints(page.items) };
  }

  /**
   * New focal points change who is reminded of the organisation's activities that nobody is named on:
   * those are planned again in the same transaction.
   */
  update(id: string, dto: UpdateOrganizationDto): Promise<OrganizationResponse> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const organization = await manager.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!organization) throw ApiError.notFound('Organization', id);
      const { focalPointMemberIds, ...fields } = dto;
      const focalBefore = (await this.focalPoints.of([id], manager)).map((f) => f.id);
      const before = { ...organization, focalPointMemberIds: focalBefore };
      manager.merge(Organization, organization, fields);
      await manager.save(organization);
      const focal = await this.setFocalPoints(manager, id, focalPointMemberIds);
      await this.audit.record(manager, 'update', 'organization', id, before, {
        ...organization,
        focalPointMemberIds: focal ?? focalBefore,
      });
      if (focal) await this.itemReminders.planExecutedBy(unit, id);
      return (await this.withFocalPoints([organization], manager))[0];
    });
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

  /** Finds an organisation whose name in any language equals `name`, ignoring case and spacing. */
  async findByAnyName(name: string): Promise<Organization | null> {
    return this.repository
      .createQueryBuilder('o')
      .where(
        `EXISTS (SELECT 1 FROM jsonb_each_text(o.name) n WHERE lower(regexp_replace(trim(n.value), '\\s+', ' ', 'g')) = lower(regexp_replace(trim(:name), '\\s+', ' ', 'g')))`,
        { name },
      )
      .orderBy('o.created_at')
      .getOne();
  }
}
