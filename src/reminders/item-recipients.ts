import type { Member } from '../members/member.entity';

/** Who an item's reminders go to, and why: those named on it, else its executor's focal points, else the secretariat. */
export type ReminderAudience = 'responsible' | 'focal_points' | 'secretariat' | 'nobody';

export interface ItemPeople {
  responsibleMembers: Member[];
  executorMember?: Member | null;
  /** The focal points of the executing organisation, when an organisation executes it. */
  focalPoints: Member[];
}

/**
 * The one rule for an item's reminders: its responsible members and executing member; with none
 * (active), its executing organisation's focal points; with none of those, the body's secretariat, so
 * that no item is reminded to nobody, and nobody is reminded of an item someone else answers for.
 */
export function itemRecipients(
  item: ItemPeople,
  secretariat: Member[],
): { audience: ReminderAudience; members: Member[] } {
  const active = (members: Member[]) => [...new Map(members.filter((m) => m.active).map((m) => [m.id, m])).values()];
  const named = active([...item.responsibleMembers, ...(item.executorMember ? [item.executorMember] : [])]);
  if (named.length) return { audience: 'responsible', members: named };
  const focal = active(item.focalPoints);
  if (focal.length) return { audience: 'focal_points', members: focal };
  const office = active(secretariat);
  return { audience: office.length ? 'secretariat' : 'nobody', members: office };
}

/** The fallbacks of the rule, read only when nobody is named on the item. */
export interface FallbackPeopleSource {
  fallbackPeople(itemId: string, day: string): Promise<{ focalPoints: Member[]; secretariat: Member[] }>;
}

/** Whether the member is, today, one of those the item's reminders go to (and so may answer them). */
export async function isRemindedOf(
  source: FallbackPeopleSource,
  item: { id: string; responsibleMembers?: Member[]; executorMember?: Member | null },
  memberId: string,
): Promise<boolean> {
  const named = { responsibleMembers: item.responsibleMembers ?? [], executorMember: item.executorMember ?? null };
  const first = itemRecipients({ ...named, focalPoints: [] }, []);
  if (first.audience === 'responsible') return first.members.some((m) => m.id === memberId);
  const { focalPoints, secretariat } = await source.fallbackPeople(item.id, new Date().toISOString().slice(0, 10));
  return itemRecipients({ ...named, focalPoints }, secretariat).members.some((m) => m.id === memberId);
}
