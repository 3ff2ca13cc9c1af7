import type { LocalizedText } from '../common/i18n/languages';
import type { DeadlineKind, DeadlineWindow } from './deadline/deadline.types';
import type { WorkPlanItem, ItemStatus } from './work-plan-item.entity';

export interface ExecutorView {
  type: 'organization' | 'member';
  id: string;
  name: LocalizedText;
  /** For a member, shown to the secretariat: how the table names them, so that an export imports back. */
  email?: string;
}

export interface WorkPlanItemView {
  id: string;
  workPlanId: string;
  position: number;
  activity: LocalizedText;
  deadline: { text: string; kind: DeadlineKind; windows: DeadlineWindow[]; dueAt: string | null; onRequest: boolean };
  executor: ExecutorView | null;
  responsibleMemberIds: string[];
  responsibleMembers: { id: string; fullName: string; email?: string; countryCode: string }[];
  countries: string[];
  topics: string[];
  status: ItemStatus;
  overdue: boolean;
  meetingId: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ItemViewOptions {
  emails: boolean;
}

const CLOSED: ItemStatus[] = ['done', 'cancelled'];

/** Overdue: the due moment has passed, the item is neither done nor cancelled, and it is not on request. */
export function isOverdue(item: Pick<WorkPlanItem, 'dueAt' | 'status' | 'onRequest'>, now = new Date()): boolean {
  return item.dueAt !== null && item.dueAt < now && !item.onRequest && !CLOSED.includes(item.status);
}

export function toItemView(
  item: WorkPlanItem,
  now = new Date(),
  { emails }: ItemViewOptions = { emails: true },
): WorkPlanItemView {
  const executor: ExecutorView | null = item.executorOrganization
    ? { type: 'organization', id: item.executorOrganization.id, name: item.executorOrganization.name }
    : item.executorMember
      ? {
          type: 'member',
          id: item.executorMember.id,
          name: { en: item.executorMember.fullName },
          ...(emails ? { email: item.executorMember.email } : {}),
        }
      : null;
  const responsible = [...(item.responsibleMembers ?? [])].sort((a, b) => a.fullName.localeCompare(b.fullName));
  return {
    id: item.id,
    workPlanId: item.workPlanId,
    position: item.position,
    activity: item.activity,
    deadline: {
      text: item.deadlineText,
      kind: item.deadlineKind,
      windows: item.deadlineWindows,
      dueAt: item.dueAt ? item.dueAt.toISOString() : null,
      onRequest: item.onRequest,
    },
    executor,
    responsibleMemberIds: responsible.map((m) => m.id),
    responsibleMembers: responsible.map((m) => ({
      id: m.id,
      fullName: m.fullName,
      ...(emails ? { email: m.email } : {}),
      countryCode: m.countryCode,
    })),
    countries: item.countries,
    topics: item.topics,
    status: item.status,
    overdue: isOverdue(item, now),
    meetingId: item.meetingId,
    notes: item.notes,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}
