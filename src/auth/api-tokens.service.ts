import { HttpStatus, Injectable } from '@nestjs/common';
import { Member } from '../members/member.entity';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { ApiError } from '../common/http/api-error';
import { requestContext } from '../common/request-context';
import { AuditService } from '../audit/audit.service';
import { ApiToken } from './api-token.entity';
import { CreateApiTokenDto } from './dto/create-api-token.dto';
import { hashToken, newToken } from './token-hash';

/** How often one process records a token's last use; every request would turn reads into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiTokensService {
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    @InjectRepository(ApiToken) private readonly repository: Repository<ApiToken>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async findActive(token: string): Promise<ApiToken | null> {
    const found = await this.repository.findOneBy({ tokenHash: hashToken(token), revokedAt: IsNull() });
    if (found) this.touch(found.id);
    return found;
  }

  /** Returns the token itself once; only its hash is kept. */
  async create(dto: CreateApiTokenDto): Promise<{ token: string; apiToken: ApiToken }> {
    const token = newToken();
    const apiToken = await this.dataSource.transaction(async (manager) => {
      if (dto.role === 'member' && !dto.memberId) throw ApiError.field(HttpStatus.BAD_REQUEST, 'memberId', 'a member token acts as one member: give memberId');
      if (dto.memberId && !(await manager.existsBy(Member, { id: dto.memberId }))) throw ApiError.field(HttpStatus.BAD_REQUEST, 'memberId', `no member has the id ${dto.memberId}`);
      const created = manager.create(ApiToken, {
        name: dto.name,
        role: dto.role,
        memberId: dto.memberId ?? null,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 12),
        createdBy: requestContext.actor().name,
      });
      await manager.save(created);
      await this.audit.record(manager, 'create', 'api_token', created.id, null, created);
      return created;
    });
    return { token, apiToken };
  }

  list(): Promise<ApiToken[]> {
    return this.repository.find({ order: { createdAt: 'DESC' } });
  }

  async revoke(id: string): Promise<ApiToken> {
    return this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(ApiToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!token) throw ApiError.notFound('API token', id);
      if (token.revokedAt) return token;
      const before = { ...token };
      token.revokedAt = new Date();
      await manager.save(token);
      await this.audit.record(manager, 'revoke', 'api_token', id, before, token);
      return token;
    });
  }

  private touch(id: string) {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(id) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(id, now);
    void this.repository.update({ id }, { lastUsedAt: new Date(now) }).catch(() => this.lastUsedWritten.delete(id));
  }
}
