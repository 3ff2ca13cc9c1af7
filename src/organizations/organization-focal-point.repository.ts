import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Member } from '../members/member.entity';

/** An organisation's focal point as its answers list them. */
export interface FocalPointRow {
  organizationId: string;
  id: string;
  fullName: string;
  email: string;
  countryCode: string;
  active: boolean;
}

/** The focal points of organisations, each method one SQL statement. */
@Injectable()
export class OrganizationFocalPointRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The focal points of the organisations, by name. */
  of(organizationIds: string[], manager: EntityManager = this.dataSource.manager): Promise<FocalPointRow[]> {
    if (organizationIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT f.organization_id AS "organizationId", m.id, m.full_name AS "fullName", m.email, m.country_code AS "countryCode", m.active
       FROM organization_focal_point f JOIN member m ON m.id = f.member_id
       WHERE f.organization_id = ANY($1::uuid[]) ORDER BY m.full_name COLLATE "und-x-icu", m.id`,
      [organizationIds],
    );
  }

  /** The ids among these that name members. */
  async existingMembers(manager: EntityManager, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return (await manager.find(Member, { select: { id: true }, where: { id: In(ids) } })).map((m) => m.id);
  }

  /** Makes the organisation's focal points exactly these members, in one statement. */
  async replace(manager: EntityManager, organizationId: string, memberIds: string[]): Promise<void> {
    await manager.query(
      `WITH gone AS (DELETE FROM organization_focal_point WHERE organization_id = $1 AND NOT (member_id = ANY($2::uuid[])))
       INSERT INTO organization_focal_point (organization_id, member_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [organizationId, memberIds],
    );
  }
}
