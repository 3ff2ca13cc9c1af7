import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { requestContext } from '../common/request-context';
import { InvitationsService } from '../meetings/invitations.service';
import { UnitOfWork } from '../notifications/unit-of-work';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import { InboxRepository, OPEN_STATUSES } from './inbox.repository';
import type { InboxRow } from './inbox.repository';
import type { ReplyDetails } from './inbound-reply.handler';
import { SUGGESTED_ACTIONS } from './reply-intent';
import type { SuggestedAction } from './reply-intent';

const MEETING_ANSWERS: Partial<Record<SuggestedAction, 'accepted' | 'declined'>> = {
  attend: 'accepted',
  decline: 'declined',
};
const ITEM_STATUSES: Partial<Record<SuggestedAction, 'done' | 'in_progress'>> = {
  done: 'done',
  in_progress: 'in_progress',
};

export interface Applied {
  action: SuggestedAction;
  /** "need more time" changes nothing by itself: the secretariat opens the activity to set the deadline. */
  itemId: string | null;
  meetingId: string | null;
}

/**
 * The secretariat's inbox of replies. Applying a suggestion goes through the same services as a member's
 * click or the secretariat's forms; the audit names the officer, and the answer says it came by email reply.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsService,
    private readonly items: WorkPlanItemsService,
  ) {}

  countOpen(): Promise<number> {
    return this.inbox.countOpen();
  }

  countIgnoredUnknownSince(since: Date): Promise<number> {
    return this.inbox.countIgnoredUnknownSince(since);
  }

  page(open: boolean, limit: number, offset: number) {
    return this.inbox.page(open, limit, offset);
  }

  async get(id: string): Promise<InboxRow> {
    const row = await this.inbox.findRow(id);
    if (!row) throw ApiError.notFound('Inbox message', id);
    return row;
  }

  /** The actions that fit a message: those of its subject, and only for a reply linked to its member. */
  actionsFor(row: InboxRow): SuggestedAction[] {
    const { message } = row;
    if (message.kind !== 'reply' || !message.memberId || !OPEN_STATUSES.includes(message.status)) return [];
    if (message.meetingId) return ['attend', 'decline'];
    if (row.itemId) return ['done', 'in_progress', 'more_time'];
    return [];
  }

  async apply(id: string, action: string, language: Language): Promise<Applied> {
    if (!(SUGGESTED_ACTIONS as readonly string[]).includes(action))
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'action', `action must be one of ${SUGGESTED_ACTIONS.join(', ')}`);
    const row = await this.get(id);
    const chosen = action as SuggestedAction;
    if (!this.actionsFor(row).includes(chosen)) {
      const handled = !OPEN_STATUSES.includes(row.message.status);
      throw ApiError.conflict(
        handled ? 'This message has already been handled' : 'This action does not fit what the message is about',
        'action',
      );
    }
    const { message } = row;
    const officer = requestContext.actor().name;
    const handled = { action: chosen, appliedBy: officer };
    const meetingAnswer = MEETING_ANSWERS[chosen];
    const itemStatus = ITEM_STATUSES[chosen];
    if (meetingAnswer) {
      // The answer and the message's "applied" commit together: a second click finds it handled.
      await this.unitOfWork.run(async (unit) => {
        await this.settleIn(unit.manager, id, 'applied', handled);
        await this.invitations.respondIn(
          unit,
          message.meetingId!,
          message.memberId!,
          { response: meetingAnswer },
          'email_reply',
          language,
        );
      });
    } else {
      if (itemStatus)
        await this.items.update(row.itemId!, {
          status: itemStatus,
          changeNote: `From an email reply of ${row.memberName ?? 'the member'}, applied by ${officer}`,
        });
      await this.unitOfWork.run(({ manager }) => this.settleIn(manager, id, 'applied', handled));
    }
    return { action: chosen, itemId: row.itemId, meetingId: message.meetingId };
  }

  async dismiss(id: string): Promise<void> {
    const row = await this.get(id);
    if (!OPEN_STATUSES.includes(row.message.status))
      throw ApiError.conflict('This message has already been handled', 'action');
    await this.unitOfWork.run(({ manager }) =>
      this.settleIn(manager, id, 'dismissed', { dismissedBy: requestContext.actor().name }),
    );
  }

  /** The reply's words, for the activity page a "need more time" opens. */
  async replyText(id: string): Promise<{ memberName: string | null; text: string } | null> {
    const row = await this.inbox.findRow(id);
    if (!row) return null;
    return { memberName: row.memberName, text: replyOf(row).text };
  }

  /** Marks the message handled, in the caller's transaction; refused when another click got there first. */
  private async settleIn(
    manager: EntityManager,
    id: string,
    status: 'applied' | 'dismissed',
    handled: Record<string, unknown>,
  ): Promise<void> {
    const message = await this.inbox.lock(manager, id);
    if (!message || !OPEN_STATUSES.includes(message.status))
      throw ApiError.conflict('This message has already been handled', 'action');
    const before = { status: message.status };
    const entry = { ...handled, via: 'email reply', at: new Date().toISOString() };
    await this.inbox.markHandled(manager, id, status, { ...message.details, handled: entry });
    await this.audit.record(manager, 'update', 'inbound_message', id, before, { status, ...entry });
  }
}

/** What the reply handler kept of a message; older or foreign rows have none, so their text stands in. */
export function replyOf(row: Pick<InboxRow, 'message'>): ReplyDetails {
  const reply = row.message.details?.reply as ReplyDetails | undefined;
  return reply ?? { text: row.message.textBody, quoted: false, suggestion: null };
}
