import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { UnitOfWork } from '../notifications/unit-of-work';
import { CreateOrganizationDto, OrganizationQuery, UpdateOrganizationDto } from './dto/organization.dto';
import { Organization } from './organization.entity';
import { OrganizationRepository } from './organization.repository';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly repository: OrganizationRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  create(dto: CreateOrganizationDto): Promise<Organization> {
    return this.unitOfWork.run(async ({ manager }) => {
      const organization = manager.create(Organization, { ...dto, countryCode: dto.countryCode ?? null });
      await this.repository.save(manager, organization);
      await this.audit.record(manager, 'create', 'organization', organization.id, null, organization);
      return organization;
    });
  }

  async get(id: string): Promise<Organization> {
    const organization = await this.repository.findById(id);
    if (!organization) throw ApiError.notFound('Organization', id);
    return organization;
  }

  list(query: OrganizationQuery): Promise<Page<Organization>> {
    return this.repository.page(query);
  }

  update(id: string, dto: UpdateOrganizationDto): Promise<Organization> {
    return this.unitOfWork.run(async ({ manager }) => {
      const organization = await this.repository.lock(manager, id);
      if (!organization) throw ApiError.notFound('Organization', id);
      const before = { ...organization };
      manager.merge(Organization, organization, dto);
      await this.repository.save(manager, organization);
      await this.audit.record(manager, 'update', 'organization', id, before, organization);
      return organization;
    });
  }

  findByAnyName(name: string): Promise<Organization | null> {
    return this.repository.findByAnyName(name);
  }
}
