import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '../common/http/api-error';
import { requestContext } from '../common/request-context';
import { AuditService } from '../audit/audit.service';
import { UnitOfWork } from '../notifications/unit-of-work';
import { ApiToken } from './api-token.entity';
import { ApiTokenRepository } from './api-token.repository';
import { CreateApiTokenDto } from './dto/create-api-token.dto';
import { hashToken, newToken } from './token-hash';

/** How often one process records a token's last use; every request would turn reads into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** How long a process trusts a token it has just found active without asking PostgreSQL again. */
export const ACTIVE_TOKEN_TRUSTED_MS = 5_000;
const ACTIVE_TOKENS_KEPT = 1_000;

/** How long a process answers "not valid" for a token it has just looked up in vain. */
export const UNKNOWN_TOKEN_REMEMBERED_MS = 5_000;
const UNKNOWN_TOKENS_KEPT = 10_000;

@Injectable()
export class ApiTokensService {
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly activeTokens = new Map<string, { token: ApiToken; until: number }>();
  private readonly unknownTokens = new Map<string, number>();

  constructor(
    private readonly repository: ApiTokenRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async findActive(token: string): Promise<ApiToken | null> {
    const tokenHash = hashToken(token);
    const now = Date.now();
    const trusted = this.activeTokens.get(tokenHash);
    if (trusted && trusted.until > now) {
      this.touch(trusted.token.id);
      return trusted.token;
    }
    const unknownUntil = this.unknownTokens.get(tokenHash);
    if (unknownUntil !== undefined && unknownUntil > now) return null;
    const found = await this.repository.findActive(tokenHash);
    if (!found) {
      this.activeTokens.delete(tokenHash);
      this.rememberUnknown(tokenHash, now);
      return null;
    }
    if (this.activeTokens.size >= ACTIVE_TOKENS_KEPT) this.activeTokens.clear();
    this.activeTokens.set(tokenHash, { token: found, until: now + ACTIVE_TOKEN_TRUSTED_MS });
    this.touch(found.id);
    return found;
  }

  async create(dto: CreateApiTokenDto): Promise<{ token: string; apiToken: ApiToken }> {
    const token = newToken();
    const apiToken = await this.unitOfWork.run(async ({ manager }) => {
      if (dto.role === 'member' && !dto.memberId)
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'memberId', 'a member token acts as one member: give memberId');
      if (dto.memberId && !(await this.repository.memberExists(manager, dto.memberId)))
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'memberId', `no member has the id ${dto.memberId}`);
      const created = manager.create(ApiToken, {
        name: dto.name,
        role: dto.role,
        memberId: dto.memberId ?? null,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 12),
        createdBy: requestContext.actor().name,
      });
      await this.repository.save(manager, created);
      await this.audit.record(manager, 'create', 'api_token', created.id, null, created);
      return created;
    });
    this.unknownTokens.delete(apiToken.tokenHash);
    return { token, apiToken };
  }

  list(): Promise<ApiToken[]> {
    return this.repository.all();
  }

  async revoke(id: string): Promise<ApiToken> {
    const revoked = await this.unitOfWork.run(async ({ manager }) => {
      const token = await this.repository.lock(manager, id);
      if (!token) throw ApiError.notFound('API token', id);
      if (token.revokedAt) return token;
      const before = { ...token };
      token.revokedAt = new Date();
      await this.repository.save(manager, token);
      await this.audit.record(manager, 'revoke', 'api_token', id, before, token);
      return token;
    });
    // After the commit: forgotten earlier, a request in between could find the token still active and keep it.
    this.forget(id);
    return revoked;
  }

  /** A deactivated member's tokens stop at once here, within ACTIVE_TOKEN_TRUSTED_MS in other processes. */
  forgetMember(memberId: string) {
    for (const [tokenHash, { token }] of this.activeTokens)
      if (token.memberId === memberId) this.activeTokens.delete(tokenHash);
  }

  private rememberUnknown(tokenHash: string, now: number) {
    this.unknownTokens.delete(tokenHash);
    if (this.unknownTokens.size >= UNKNOWN_TOKENS_KEPT)
      this.unknownTokens.delete(this.unknownTokens.keys().next().value!);
    this.unknownTokens.set(tokenHash, now + UNKNOWN_TOKEN_REMEMBERED_MS);
  }

  private forget(id: string) {
    for (const [tokenHash, { token }] of this.activeTokens) if (token.id === id) this.activeTokens.delete(tokenHash);
  }

  private touch(id: string) {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(id) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(id, now);
    void this.repository.touch(id, new Date(now)).catch(() => this.lastUsedWritten.delete(id));
  }
}
