import { entityFromRow, entityJsonSql, paginateJson, paginateRows } from '../common/database/paginate';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiTokensService } from '../auth/api-tokens.service';
import { likePattern } from '../common/database/like';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { canonicalTimeZone } from '../common/time/time-zone';
import { todayIn } from '../common/time/dates';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitOfWork } from '../notifications/unit-of-work';
import { Organization } from '../organizations/organization.entity';
import { ItemRemindersPlanner } from '../reminders/item-reminders.planner';
import { MemberRemindersPlanner } from '../reminders/member-reminders.planner';
import { CreateMemberDto, MemberQuery, UpdateMemberDto } from './dto/member.dto';
import { MemberCards, SERVES_WITH_READER } from './member-cards';
import type { MemberCard } from './member-cards';
import { Member } from './member.entity';

@Injectable()
export class MembersService {
  /** The list's item JSON expression, built from the entities' metadata on first use. */
  private memberJsonSql?: string;

  constructor(
    @InjectRepository(Member) private readonly repository: Repository<Member>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly unitOfWork: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly reminders: MemberRemindersPlanner,
    private readonly itemReminders: ItemRemindersPlanner,
    private readonly tokens: ApiTokensService,
    private readonly cards: MemberCards,
  ) {}

  create(dto: CreateMemberDto): Promise<Member> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertEmailFree(manager, dto.email);
      await this.assertOrganizationExists(manager, dto.organization);
      const member = manager.create(Member, {
        fullName: dto.fullName,
        email: dto.email,
        countryCode: dto.countryCode,
        organizationId: dto.organization ?? null,
        position: dto.position ?? null,
        language: dto.language,
        timeZone: canonicalTimeZone(dto.timeZone),
        active: dto.active ?? true,
        digest: dto.digest ?? 'immediate',
      });
      await manager.save(member);
      await this.audit.record(manager, 'create', 'member', member.id, null, member);
      return member;
    });
  }

  async get(id: string): Promise<Member> {
    const member = await this.repository.findOne({ where: { id }, relations: { organization: true } });
    if (!member) throw ApiError.notFound('Member', id);
    return member;
  }

  /** One member as the acting token may see it: a member reads its own record in full, a co-member's card, nobody else (404). */
  async read(id: string): Promise<Member | MemberCard> {
    const reader = this.access.member();
    if (reader === null || reader === id) return this.get(id);
    const card = (await this.cards.of(reader, [id])).get(id);
    if (!card) throw ApiError.notFound('Member', id);
    return card;
  }

  /** The list as the acting token may see it: a member sees the cards of those serving with it today, searched by name or organisation only. */
  async readList(query: MemberQuery): Promise<string | Page<MemberCard>> {
    const reader = this.access.member();
    if (reader === null) return this.listJson(query);
    const qb = this.listQuery(query, false).andWhere(
      `(m.id = :reader OR (m.active AND ${SERVES_WITH_READER('m.id')}))`,
      { reader, today: todayIn('UTC') },
    );
    const page = await paginateRows(qb, query, (row) => entityFromRow(this.dataSource, Member, row, 'm')!.id, {
      statementOf: 'MembersService.readList',
    });
    const cards = await this.cards.of(reader, page.items);
    return { ...page, items: page.items.flatMap((id) => cards.get(id) ?? []) };
  }

  async list(query: MemberQuery): Promise<Page<Member>> {
    return paginateRows(
      this.listQuery(query),
      query,
      (row) => {
        const member = entityFromRow(this.dataSource, Member, row, 'm')!;
        member.organization = entityFromRow(this.dataSource, Organization, row, 'o');
        return member;
      },
      { statementOf: 'MembersService.list' },
    );
  }

  /** The same page as list(), as the API's JSON text, written by PostgreSQL. */
  listJson(query: MemberQuery): Promise<string> {
    this.memberJsonSql ??= entityJsonSql(this.dataSource, Member, 'm', {
      organization: `CASE WHEN "o"."id" IS NULL THEN NULL ELSE ${entityJsonSql(this.dataSource, Organization, 'o')} END`,
    });
    return paginateJson(this.listQuery(query), query, this.memberJsonSql, { statementOf: 'MembersService.listJson' });
  }

  /** `searchPersonal`: whether `q` also reads emails and positions (not for a member's search). */
  private listQuery(query: MemberQuery, searchPersonal = true) {
    const qb = this.repository
      .createQueryBuilder('m')
      .leftJoinAndSelect('m.organization', 'o')
      .orderBy('m.full_name', 'ASC')
      .addOrderBy('m.id', 'ASC');
    if (query.country) qb.andWhere('m.country_code = :country', { country: query.country });
    if (query.active !== undefined) qb.andWhere('m.active = :active', { active: query.active });
    if (query.bodyId || query.role) {
      const conditions = [
        's.member_id = m.id',
        's.start_date <= :today',
        '(s.end_date IS NULL OR s.end_date >= :today)',
      ];
      if (query.bodyId) conditions.push('s.body_id = :bodyId');
      if (query.role) conditions.push('s.role = :role');
      qb.andWhere(`EXISTS (SELECT 1 FROM membership s WHERE ${conditions.join(' AND ')})`, {
        today: todayIn('UTC'),
        bodyId: query.bodyId,
        role: query.role,
      });
    }
    if (query.q) {
      const personal = searchPersonal ? 'OR m.email ILIKE :q OR m.position ILIKE :q' : '';
      qb.andWhere(
        `(m.full_name ILIKE :q ${personal} OR EXISTS (SELECT 1 FROM jsonb_each_text(o.name) n WHERE n.value ILIKE :q))`,
        { q: likePattern(query.q) },
      );
    }
    return qb;
  }

  /**
   * Deactivating (active: false) keeps every term, answer and notification of the member. A new time
   * zone or digest preference moves the reminders already planned for them, enqueued after the commit.
   */
  async update(id: string, dto: UpdateMemberDto): Promise<Member> {
    this.access.assertOwnPreferences(
      id,
      Object.keys(dto).filter((key) => dto[key as keyof UpdateMemberDto] !== undefined),
    );
    let deactivated = false;
    const updated = await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const member = await manager.findOne(Member, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw ApiError.notFound('Member', id);
      const before = { ...member };
      if (dto.email !== undefined && dto.email.toLowerCase() !== member.email.toLowerCase()) {
        await this.assertEmailFree(manager, dto.email, id);
      }
      if (dto.organization !== undefined) await this.assertOrganizationExists(manager, dto.organization);
      const { organization, timeZone, ...rest } = dto;
      manager.merge(Member, member, rest);
      if (organization !== undefined) member.organizationId = organization;
      if (timeZone !== undefined) member.timeZone = canonicalTimeZone(timeZone);
      await manager.save(member);
      deactivated = before.active && !member.active;
      if (deactivated) await this.notifications.cancelForRecipient(manager, id, 'the member was deactivated');
      else await this.reminders.replan(unit, member, before);
      // Whoever answers for their activities in their stead (focal points, the secretariat) is reminded instead.
      if (before.active !== member.active) await this.itemReminders.planConcerning(unit, id);
      await this.audit.record(manager, 'update', 'member', id, before, member);
      return member;
    });
    // After the commit: forgotten earlier, a request in between could find the member's tokens still usable and keep them.
    if (deactivated) this.tokens.forgetMember(id);
    return updated;
  }

  private async assertEmailFree(manager: EntityManager, email: string, exceptId?: string) {
    const clash = await manager
      .createQueryBuilder(Member, 'm')
      .where('lower(m.email) = lower(:email)', { email })
      .andWhere(exceptId ? 'm.id <> :exceptId' : 'TRUE', { exceptId })
      .getOne();
    if (clash) throw ApiError.field(HttpStatus.CONFLICT, 'email', `email ${email} is already used by another member`);
  }

  private async assertOrganizationExists(manager: EntityManager, organizationId: string | null | undefined) {
    if (!organizationId) return;
    const exists = await manager.existsBy(Organization, { id: organizationId });
    if (!exists)
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'organization', `no organisation has the id ${organizationId}`);
  }
}
