import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not, Raw } from 'typeorm';
import type { FindOptionsWhere } from 'typeorm';
import { Membership } from '../bodies/membership.entity';
import type { MembershipRole } from '../bodies/membership.entity';
import { likePattern } from '../common/database/like';
import { entityFromRow, entityJsonSql, paginateJson, paginateRows } from '../common/database/paginate';
import type { Page } from '../common/http/pagination';
import { todayIn } from '../common/time/dates';
import { Organization } from '../organizations/organization.entity';
import type { SubstituteChooser } from '../meetings/substitute-offer';
import type { MemberQuery } from './dto/member.dto';
import { Member } from './member.entity';

/** SQL: the member `column` holds a term today in a body where `:reader` holds one too. */
const SERVES_WITH_READER = (column: string) => `EXISTS (
  SELECT 1 FROM membership s JOIN membership r ON r.body_id = s.body_id
  WHERE s.member_id = ${column} AND r.member_id = :reader
    AND s.start_date <= :today AND (s.end_date IS NULL OR s.end_date >= :today)
    AND r.start_date <= :today AND (r.end_date IS NULL OR r.end_date >= :today))`;

/** Active members who chair the body or serve in its secretariat on the day: those an escalation goes to. */
export const escalationMembersSql = (
  bodyId: string,
  day: string,
) => `SELECT m.* FROM member m WHERE m.active AND EXISTS (
  SELECT 1 FROM membership s WHERE s.member_id = m.id AND s.body_id = ${bodyId} AND s.role IN ('chair', 'secretariat')
    AND s.start_date <= ${day}::date AND (s.end_date IS NULL OR s.end_date >= ${day}::date))`;

/** SQL: the member `column` holds a term today, in any body, as a delegate rather than as secretariat staff. */
/** What a form's member picker shows of a member. */
export type MemberChoice = Pick<Member, 'id' | 'fullName' | 'countryCode' | 'email' | 'active'>;
const CHOICE_COLUMNS = `SELECT m.id, m.full_name AS "fullName", m.country_code AS "countryCode", m.email, m.active FROM member m`;

const SERVING_DELEGATE = (column: string) => `EXISTS (
  SELECT 1 FROM membership s WHERE s.member_id = ${column} AND s.role <> 'secretariat'
    AND s.start_date <= current_date AND (s.end_date IS NULL OR s.end_date >= current_date))`;

function offerWhere(
  member: Pick<Member, 'id' | 'countryCode'>,
  chooser: SubstituteChooser,
  chosenId?: string,
): FindOptionsWhere<Member> {
  const id = chosenId ?? Not(member.id);
  const anyone: FindOptionsWhere<Member> = { active: true, id };
  if (chooser === 'secretariat') return anyone;
  // A member is offered colleagues of their country who serve today, never guests nor secretariat staff.
  const self = member.id;
  return {
    ...anyone,
    countryCode: member.countryCode,
    guest: false,
    id: Raw((alias) => `${alias} <> :self AND ${SERVING_DELEGATE(alias)}${chosenId ? ` AND ${alias} = :chosen` : ''}`, {
      self,
      chosen: chosenId ?? null,
    }),
  };
}

/** The substitutes offered, by name: a member is offered the colleagues of their country serving today. */
export function findSubstitutesOffered(
  manager: EntityManager,
  member: Pick<Member, 'id' | 'countryCode'>,
  chooser: SubstituteChooser,
): Promise<Member[]> {
  return manager.find(Member, { where: offerWhere(member, chooser), order: { fullName: 'ASC' } });
}

/** Active members serving in the body's secretariat on the day (a fragment, like escalationMembersSql). */
export const secretariatMembersSql = (
  bodyId: string,
  day: string,
) => `SELECT m.* FROM member m WHERE m.active AND EXISTS (
  SELECT 1 FROM membership s WHERE s.member_id = m.id AND s.body_id = ${bodyId} AND s.role = 'secretariat'
    AND s.start_date <= ${day}::date AND (s.end_date IS NULL OR s.end_date >= ${day}::date))`;

@Injectable()
export class MemberRepository {
  private memberJsonSql?: string;

  constructor(private readonly dataSource: DataSource) {}

  findWithOrganization(id: string): Promise<Member | null> {
    return this.dataSource.manager.findOne(Member, { where: { id }, relations: { organization: true } });
  }

  /** Members whose address bounced permanently, the latest first. */
  bouncing(
    limit: number,
  ): Promise<Pick<Member, 'id' | 'fullName' | 'email' | 'emailBounceStatus' | 'emailBouncingAt'>[]> {
    return this.dataSource.manager.find(Member, {
      select: { id: true, fullName: true, email: true, emailBounceStatus: true, emailBouncingAt: true },
      where: { emailBouncingAt: Not(IsNull()), active: true },
      order: { emailBouncingAt: 'DESC' },
      take: limit,
    });
  }

  lock(manager: EntityManager, id: string): Promise<Member | null> {
    return manager.findOne(Member, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(manager: EntityManager, member: Member): Promise<void> {
    await manager.save(member);
  }

  async emailTaken(manager: EntityManager, email: string, exceptId?: string): Promise<boolean> {
    const clash = await manager
      .createQueryBuilder(Member, 'm')
      .where('lower(m.email) = lower(:email)', { email })
      .andWhere(exceptId ? 'm.id <> :exceptId' : 'TRUE', { exceptId })
      .getOne();
    return clash !== null;
  }

  organizationExists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Organization, { id });
  }

  pageServingWith(reader: string, query: MemberQuery): Promise<Page<string>> {
    const qb = this.listQuery(query, false).andWhere(
      `(m.id = :reader OR (m.active AND ${SERVES_WITH_READER('m.id')}))`,
      { reader, today: todayIn('UTC') },
    );
    return paginateRows(qb, query, (row) => entityFromRow(this.dataSource, Member, row, 'm')!.id, {
      statementOf: 'MembersService.readList',
    });
  }

  page(query: MemberQuery): Promise<Page<Member>> {
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

  pageJson(query: MemberQuery): Promise<string> {
    this.memberJsonSql ??= entityJsonSql(this.dataSource, Member, 'm', {
      organization: `CASE WHEN "o"."id" IS NULL THEN NULL ELSE ${entityJsonSql(this.dataSource, Organization, 'o')} END`,
    });
    return paginateJson(this.listQuery(query), query, this.memberJsonSql, { statementOf: 'MembersService.listJson' });
  }

  /** `searchPersonal`: whether `q` also reads emails and positions (not for a member's search). */
  private listQuery(query: MemberQuery, searchPersonal = true) {
    const qb = this.dataSource.manager
      .createQueryBuilder(Member, 'm')
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

  cardMembers(reader: string, ids: string[], anyOf: boolean, today: string): Promise<Member[]> {
    return this.dataSource.manager
      .createQueryBuilder(Member, 'm')
      .leftJoinAndSelect('m.organization', 'o')
      .where('m.id IN (:...ids)', { ids })
      .andWhere(anyOf ? 'TRUE' : `(m.id = :reader OR (m.active AND ${SERVES_WITH_READER('m.id')}))`, { reader, today })
      .getMany();
  }

  termsIn(
    memberIds: string[],
    bodyIds: string[],
    day: string,
  ): Promise<{ member_id: string; body_id: string; role: MembershipRole }[]> {
    return this.dataSource.query(
      `SELECT member_id, body_id, role FROM membership WHERE member_id = ANY($1) AND body_id = ANY($2)
         AND start_date <= $3 AND (end_date IS NULL OR end_date >= $3) ORDER BY body_id, role`,
      [memberIds, bodyIds, day],
    );
  }

  substitutesOffered(
    member: Pick<Member, 'id' | 'countryCode'>,
    chooser: SubstituteChooser,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Member[]> {
    return findSubstitutesOffered(manager, member, chooser);
  }

  offeredSubstitute(
    manager: EntityManager,
    member: Pick<Member, 'id' | 'countryCode'>,
    chooser: SubstituteChooser,
    substituteId: string,
  ): Promise<Member | null> {
    return manager.findOne(Member, { where: offerWhere(member, chooser, substituteId) });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Member | null> {
    return manager.findOneBy(Member, { id });
  }

  findByIdOrFail(manager: EntityManager, id: string): Promise<Member> {
    return manager.findOneByOrFail(Member, { id });
  }

  exists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Member, { id });
  }

  findByIds(manager: EntityManager, ids: string[]): Promise<Member[]> {
    return manager.findBy(Member, { id: In(ids) });
  }

  activeByIds(manager: EntityManager, ids: string[]): Promise<Member[]> {
    return manager.findBy(Member, { id: In(ids), active: true });
  }

  async activeServingOn(manager: EntityManager, bodyId: string, day: string): Promise<string[]> {
    const rows = await manager
      .createQueryBuilder(Membership, 's')
      .innerJoin('s.member', 'm')
      .select('s.member_id', 'memberId')
      .where(
        's.body_id = :bodyId AND s.start_date <= :day AND (s.end_date IS NULL OR s.end_date >= :day) AND m.active',
        {
          bodyId,
          day,
        },
      )
      .getRawMany<{ memberId: string }>();
    return rows.map((row) => row.memberId);
  }

  /** Active members serving today as delegates (not secretariat staff), by country: those who may stand in. */
  /** Active members serving a term as delegates (not the secretariat), for the substitute pickers. */
  servingDelegatesByCountry(): Promise<MemberChoice[]> {
    return this.dataSource.query(
      `${CHOICE_COLUMNS} WHERE m.active AND ${SERVING_DELEGATE('m.id')} ORDER BY m.country_code, m.full_name`,
    );
  }

  /** Every active member, by country and name: the pickers of the forms (plain rows, a directory may be long). */
  activeByCountry(): Promise<MemberChoice[]> {
    return this.dataSource.query(`${CHOICE_COLUMNS} WHERE m.active ORDER BY m.country_code, m.full_name`);
  }

  async isEscalationRecipient(bodyId: string, memberId: string, day: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM (${escalationMembersSql('$1', '$2')}) e WHERE e.id = $3`,
      [bodyId, day, memberId],
    );
    return rows.length > 0;
  }

  activeSecretariatOn(day: string): Promise<{ id: string; email: string }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT m.id, m.email FROM member m JOIN membership s ON s.member_id = m.id
       WHERE m.active AND s.role = 'secretariat' AND s.start_date <= $1 AND (s.end_date IS NULL OR s.end_date >= $1)`,
      [day],
    );
  }
}
