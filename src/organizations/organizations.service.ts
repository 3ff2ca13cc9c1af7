import { paginate } from '../common/database/paginate';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { likePattern } from '../common/database/like';
import { CreateOrganizationDto, OrganizationQuery, UpdateOrganizationDto } from './dto/organization.dto';
import { Organization } from './organization.entity';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly repository: Repository<Organization>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(dto: CreateOrganizationDto): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      const organization = manager.create(Organization, { ...dto, countryCode: dto.countryCode ?? null });
      await manager.save(organization);
      await this.audit.record(manager, 'create', 'organization', organization.id, null, organization);
      return organization;
    });
  }

  async get(id: string): Promise<Organization> {
    const organization = await this.repository.findOneBy({ id });
    if (!organization) throw ApiError.notFound('Organization', id);
    return organization;
  }

  async list(query: OrganizationQuery): Promise<Page<Organization>> {
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
    return paginate(qb, query);
  }

  update(id: string, dto: UpdateOrganizationDto): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!organization) throw ApiError.notFound('Organization', id);
      const before = { ...organization };
      manager.merge(Organization, organization, dto);
      await manager.save(organization);
      await this.audit.record(manager, 'update', 'organization', id, before, organization);
      return organization;
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
