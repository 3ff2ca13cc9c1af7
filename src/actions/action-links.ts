import { Inject, Injectable } from '@nestjs/common';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { ActionLink } from '../mail/email-kinds';
import type { Member } from '../members/member.entity';
import { ActionTokenService } from './action-token.service';
import type { ActionKind } from './action-token.service';

@Injectable()
export class ActionLinks {
  constructor(
    private readonly tokens: ActionTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  url(
    member: Pick<Member, 'id'>,
    kind: ActionKind,
    subject: string,
    subjectEnds: Date | null,
    option?: string,
  ): string {
    return `${this.config.appUrl}/a/${this.tokens.sign({ member: member.id, kind, subject, option, exp: this.tokens.expiry(subjectEnds) })}`;
  }

  meeting(member: Member, meetingId: string, ends: Date | null): ActionLink[] {
    return (['accept', 'decline', 'tentative', 'delegate'] as const).map((answer) => ({
      label: t(`action.${answer}` as MessageKey, member.language),
      url: this.url(member, `meeting.${answer}`, meetingId, ends),
    }));
  }

  poll(member: Member, meetingId: string, optionId: string, closes: Date | null): ActionLink[] {
    return (['yes', 'if_need_be', 'no'] as const).map((answer) => ({
      label: t(`action.poll.${answer}` as MessageKey, member.language),
      url: this.url(member, `poll.${answer}`, meetingId, closes, optionId),
    }));
  }

  item(member: Member, itemId: string): ActionLink[] {
    return (['done', 'in_progress', 'more_time'] as const).map((answer) => ({
      label: t(`action.item.${answer}` as MessageKey, member.language),
      url: this.url(member, `item.${answer}`, itemId, null),
    }));
  }

  /** The member's own invitation letter, downloaded without signing in. */
  letter(member: Member, meetingId: string, ends: Date | null): string {
    return `${this.config.appUrl}/letters/${this.tokens.sign({ member: member.id, kind: 'letter.invitation', subject: meetingId, exp: this.tokens.expiry(ends) })}`;
  }

  preferences(member: Member): string {
    return this.url(member, 'preferences', member.id, null);
  }
}
