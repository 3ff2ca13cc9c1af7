import { paginate } from '../common/database/paginate';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { canonicalTimeZone } from '../common/time/time-zone';
import { Body } from './body.entity';
import { BodyQuery, CreateBodyDto, UpdateBodyDto } from './dto/body.dto';

@Injectable()
export class BodiesService {
  constructor(
    @InjectRepository(Body) private readonly repository: Repository<Body>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(dto: CreateBodyDto): Promise<Body> {
    return this.dataSource.transaction(async (manager) => {
      if (dto.parentId) await this.assertParent(manager, dto.parentId, null);
      const body = manager.create(Body, {
        name: dto.name,
        kind: dto.kind,
        parentId: dto.parentId ?? null,
        timeZone: canonicalTimeZone(dto.timeZone ?? 'Asia/Almaty'),
        reminderOffsets: dto.reminderOffsets ? { ...dto.reminderOffsets } : null,
      });
      await manager.save(body);
      await this.audit.record(manager, 'create', 'body', body.id, null, body);
      return body;
    });
  }

  async get(id: string): Promise<Body> {
    const body = await this.repository.findOneBy({ id });
    if (!body) throw ApiError.notFound('Body', id);
    return body;
  }

  async list(query: BodyQuery): Promise<Page<Body>> {
    const qb = this.repository.createQueryBuilder('b').orderBy('b.created_at', 'ASC').addOrderBy('b.id');
    if (query.kind) qb.andWhere('b.kind = :kind', { kind: query.kind });
    if (query.parentId) qb.andWhere('b.parent_id = :parentId', { parentId: query.parentId });
    return paginate(qb, query);
  }

  update(id: string, dto: UpdateBodyDto): Promise<Body> {
    return this.dataSource.transaction(async (manager) => {
      const body = await manager.findOne(Body, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!body) throw ApiError.notFound('Body', id);
      if (dto.parentId) await this.assertParent(manager, dto.parentId, id);
      const before = { ...body };
      const { reminderOffsets, ...rest } = dto;
      manager.merge(Body, body, rest);
      if (reminderOffsets !== undefined) body.reminderOffsets = reminderOffsets ? { ...reminderOffsets } : null;
      if (dto.timeZone) body.timeZone = canonicalTimeZone(dto.timeZone);
      await manager.save(body);
      await this.audit.record(manager, 'update', 'body', id, before, body);
      return body;
    });
  }

  /** The parent must exist and must not be the body itself or one of its descendants. */
  private async assertParent(manager: EntityManager, parentId: string, bodyId: string | null) {
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE chain(id, parent_id) AS (
         SELECT id, parent_id FROM body WHERE id = $1
         UNION SELECT b.id, b.parent_id FROM body b JOIN chain c ON b.id = c.parent_id
       ) SELECT id FROM chain`,
      [parentId],
    );
    if (rows.length === 0) throw ApiError.field(HttpStatus.BAD_REQUEST, 'parentId', `no body has the id ${parentId}`);
    if (bodyId && rows.some((row) => row.id === bodyId)) {
      throw ApiError.field(HttpStatus.CONFLICT, 'parentId', 'a body cannot be placed under itself or one of its own sub-bodies');
    }
  }
}
