import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Member } from './member.entity';

/** Read queries over members for the pages, each one SQL statement. */
@Injectable()
export class MemberRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The member, or null when the id names none. */
  findById(id: string): Promise<Member | null> {
    return this.dataSource.manager.findOneBy(Member, { id });
  }

  /** Active members by country, then name: the choices of the meeting page's forms. */
  activeByCountry(): Promise<Member[]> {
    return this.dataSource.manager.find(Member, { where: { active: true }, order: { countryCode: 'ASC', fullName: 'ASC' } });
  }
}
