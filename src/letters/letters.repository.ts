import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not } from 'typeorm';
import type { DeepPartial } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Invitation } from '../meetings/invitation.entity';
import { Meeting } from '../meetings/meeting.entity';
import { LetterSettings } from './letter-settings.entity';
import { PassportDetails } from './passport-details.entity';

/** An invited participant with what their letter names: member, organisation, passport details. */
export interface LetterRecipient {
  invitation: Invitation;
  passport: PassportDetails | null;
}

@Injectable()
export class LettersRepository {
  constructor(private readonly dataSource: DataSource) {}

  meeting(id: string): Promise<Meeting | null> {
    return this.dataSource.manager.findOneBy(Meeting, { id });
  }

  bodyExists(id: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(Body, { id });
  }

  settings(bodyId: string): Promise<LetterSettings | null> {
    return this.dataSource.manager.findOneBy(LetterSettings, { bodyId });
  }

  async saveSettings(values: DeepPartial<LetterSettings> & { bodyId: string }): Promise<LetterSettings> {
    await this.dataSource.manager.upsert(LetterSettings, values, ['bodyId']);
    return (await this.settings(values.bodyId))!;
  }

  /** Sent the invitation (or named a substitute and then invited): who may have a letter. */
  invited(meetingId: string, memberId: string): Promise<Invitation | null> {
    return this.dataSource.manager.findOne(Invitation, {
      where: { meetingId, memberId, invitedAt: Not(IsNull()) },
      relations: { member: { organization: true } },
    });
  }

  /** Everyone still expected: invited, neither declined nor replaced by a substitute. */
  expected(meetingId: string): Promise<Invitation[]> {
    return this.dataSource.manager.find(Invitation, {
      where: { meetingId, invitedAt: Not(IsNull()), response: Not(In(['declined', 'delegated'])) },
      relations: { member: { organization: true } },
      order: { member: { countryCode: 'ASC', fullName: 'ASC' } },
    });
  }

  async setCoverage(
    invitationId: string,
    coverage: Partial<Pick<Invitation, 'travelCovered' | 'accommodationCovered'>>,
  ): Promise<void> {
    if (Object.keys(coverage).length) await this.dataSource.manager.update(Invitation, { id: invitationId }, coverage);
  }

  passport(invitationId: string): Promise<PassportDetails | null> {
    return this.dataSource.manager.findOneBy(PassportDetails, { invitationId });
  }

  async passportsOf(invitationIds: string[]): Promise<Map<string, PassportDetails>> {
    if (invitationIds.length === 0) return new Map();
    const rows = await this.dataSource.manager.findBy(PassportDetails, { invitationId: In(invitationIds) });
    return new Map(rows.map((row) => [row.invitationId, row]));
  }

  async savePassport(values: DeepPartial<PassportDetails> & { invitationId: string }): Promise<PassportDetails> {
    await this.dataSource.manager.upsert(PassportDetails, values, ['invitationId']);
    return (await this.passport(values.invitationId))!;
  }

  async removePassport(invitationId: string): Promise<void> {
    await this.dataSource.manager.delete(PassportDetails, { invitationId });
  }

  /** Erases the passport details of meetings that ended (or began, without an end) over `days` days ago. */
  async eraseEndedBefore(now: Date, days: number): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(PassportDetails)
      .where(
        `meeting_id IN (SELECT m.id FROM meeting m
          WHERE coalesce(m.ends_at, m.starts_at) + make_interval(days => :days) < :now)`,
        { now, days },
      )
      .execute();
    return result.affected ?? 0;
  }
}
