import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { likePattern } from '../common/database/like';
import { paginate } from '../common/database/paginate';
import type { Page } from '../common/http/pagination';
import type { OrganizationQuery } from './dto/organization.dto';
import { Organization } from './organization.entity';

@Injectable()
export class OrganizationRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Organization | null> {
    return this.dataSource.manager.findOneBy(Organization, { id });
  }

  lock(manager: EntityManager, id: string): Promise<Organization | null> {
    return manager.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(manager: EntityManager, organization: Organization): Promise<void> {
    await manager.save(organization);
  }

  page(query: OrganizationQuery): Promise<Page<Organization>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Organization, 'o')
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

  findByAnyName(name: string): Promise<Organization | null> {
    return this.dataSource.manager
      .createQueryBuilder(Organization, 'o')
      .where(
        `EXISTS (SELECT 1 FROM jsonb_each_text(o.name) n WHERE lower(regexp_replace(trim(n.value), '\\s+', ' ', 'g')) = lower(regexp_replace(trim(:name), '\\s+', ' ', 'g')))`,
        { name },
      )
      .orderBy('o.created_at')
      .getOne();
  }
}
