import { DataSource, EntityManager } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Membership } from '../bodies/membership.entity';
import { Member } from '../members/member.entity';
import { Organization } from '../organizations/organization.entity';
import { DEMO_BODIES, DEMO_MEMBERS, DEMO_ORGANIZATIONS } from './wgecc-demo.data';

export interface SeedCounts {
  organizations: number;
  bodies: number;
  members: number;
  memberships: number;
}

/** Loads the WGECC demo; each record is found by its natural key first, so a second run adds nothing. */
export async function seedDemo(dataSource: DataSource): Promise<SeedCounts> {
  return dataSource.transaction(async (manager) => {
    const added: SeedCounts = { organizations: 0, bodies: 0, members: 0, memberships: 0 };
    const organizations = new Map<string, Organization>();
    for (const demo of DEMO_ORGANIZATIONS) {
      let organization = await manager
        .createQueryBuilder(Organization, 'o')
        .where("o.name->>'en' = :en", { en: demo.name.en })
        .getOne();
      if (!organization) {
        organization = await manager.save(
          manager.create(Organization, { name: demo.name, kind: demo.kind, countryCode: demo.countryCode }),
        );
        added.organizations++;
      }
      organizations.set(demo.key, organization);
    }

    const wg = await findOrCreateBody(manager, 'wg', null, added);
    const sc = await findOrCreateBody(manager, 'sc', wg.id, added);
    const bodies = { wg, sc };

    for (const demo of DEMO_MEMBERS) {
      let member = await manager
        .createQueryBuilder(Member, 'm')
        .where('lower(m.email) = lower(:email)', { email: demo.email })
        .getOne();
      if (!member) {
        member = await manager.save(
          manager.create(Member, {
            fullName: demo.fullName,
            email: demo.email,
            countryCode: demo.countryCode,
            organizationId: organizations.get(demo.organization)!.id,
            position: demo.position,
            language: demo.language,
            timeZone: demo.timeZone,
            active: true,
          }),
        );
        added.members++;
      }
      for (const term of demo.terms) {
        const body = bodies[term.body];
        const exists = await manager.existsBy(Membership, {
          memberId: member.id,
          bodyId: body.id,
          startDate: term.startDate,
        });
        if (exists) continue;
        await manager.save(
          manager.create(Membership, {
            memberId: member.id,
            bodyId: body.id,
            role: term.role,
            seat: term.seat ?? demo.countryCode,
            startDate: term.startDate,
            endDate: term.endDate ?? null,
          }),
        );
        added.memberships++;
      }
    }
    return added;
  });
}

async function findOrCreateBody(
  manager: EntityManager,
  key: 'wg' | 'sc',
  parentId: string | null,
  added: SeedCounts,
): Promise<Body> {
  const demo = DEMO_BODIES[key];
  const found = await manager
    .createQueryBuilder(Body, 'b')
    .where("b.name->>'en' = :en AND b.kind = :kind", { en: demo.name.en, kind: demo.kind })
    .getOne();
  if (found) return found;
  added.bodies++;
  return manager.save(manager.create(Body, { name: demo.name, kind: demo.kind, parentId, timeZone: demo.timeZone }));
}
