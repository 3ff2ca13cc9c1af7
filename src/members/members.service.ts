import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiTokensService } from '../auth/api-tokens.service';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { canonicalTimeZone } from '../common/time/time-zone';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitOfWork } from '../notifications/unit-of-work';
import { ItemRemindersPlanner } from '../reminders/item-reminders.planner';
import { MemberRemindersPlanner } from '../reminders/member-reminders.planner';
import { CreateMemberDto, MemberQuery, UpdateMemberDto } from './dto/member.dto';
import { MemberCards } from './member-cards';
import type { MemberCard } from './member-cards';
import { Member } from './member.entity';
import { MemberRepository } from './member.repository';

@Injectable()
export class MembersService {
  constructor(
    private readonly repository: MemberRepository,
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
    return this.unitOfWork.run(async ({ manager }) => {
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
      await this.repository.save(manager, member);
      await this.audit.record(manager, 'create', 'member', member.id, null, member);
      return member;
    });
  }

  async get(id: string): Promise<Member> {
    const member = await this.repository.findWithOrganization(id);
    if (!member) throw ApiError.notFound('Member', id);
    return member;
  }

  async read(id: string): Promise<Member | MemberCard> {
    const reader = this.access.member();
    if (reader === null || reader === id) return this.get(id);
    const card = (await this.cards.of(reader, [id])).get(id);
    if (!card) throw ApiError.notFound('Member', id);
    return card;
  }

  /** The list as the acting token may see it: a member sees the cards of those serving with it today. */
  async readList(query: MemberQuery): Promise<string | Page<MemberCard>> {
    const reader = this.access.member();
    if (reader === null) return this.listJson(query);
    const page = await this.repository.pageServingWith(reader, query);
    const cards = await this.cards.of(reader, page.items);
    return { ...page, items: page.items.flatMap((id) => cards.get(id) ?? []) };
  }

  list(query: MemberQuery): Promise<Page<Member>> {
    return this.repository.page(query);
  }

  listJson(query: MemberQuery): Promise<string> {
    return this.repository.pageJson(query);
  }

  /** Deactivating (active: false) keeps every term, answer and notification of the member. */
  async update(id: string, dto: UpdateMemberDto): Promise<Member> {
    this.access.assertOwnPreferences(
      id,
      Object.keys(dto).filter((key) => dto[key as keyof UpdateMemberDto] !== undefined),
    );
    let deactivated = false;
    const updated = await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const member = await this.repository.lock(manager, id);
      if (!member) throw ApiError.notFound('Member', id);
      const before = { ...member };
      if (dto.email !== undefined && dto.email.toLowerCase() !== member.email.toLowerCase()) {
        await this.assertEmailFree(manager, dto.email, id);
        // A new address has not bounced yet.
        Object.assign(member, { emailBouncingAt: null, emailBounceStatus: null });
      }
      if (dto.organization !== undefined) await this.assertOrganizationExists(manager, dto.organization);
      const { organization, timeZone, ...rest } = dto;
      manager.merge(Member, member, rest);
      if (organization !== undefined) member.organizationId = organization;
      if (timeZone !== undefined) member.timeZone = canonicalTimeZone(timeZone);
      await this.repository.save(manager, member);
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
    if (await this.repository.emailTaken(manager, email, exceptId))
      throw ApiError.field(HttpStatus.CONFLICT, 'email', `email ${email} is already used by another member`);
  }

  private async assertOrganizationExists(manager: EntityManager, organizationId: string | null | undefined) {
    if (!organizationId) return;
    const exists = await this.repository.organizationExists(manager, organizationId);
    if (!exists)
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'organization', `no organisation has the id ${organizationId}`);
  }
}
