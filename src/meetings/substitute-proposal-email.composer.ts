import { Inject, Injectable } from '@nestjs/common';
import { ActionLinks } from '../actions/action-links';
import { t } from '../common/i18n/messages';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { emailCommon } from '../mail/email-kinds';
import type { ProposedPerson } from '../mail/email-kinds';
import type { Member } from '../members/member.entity';
import { ComposesNotifications } from '../notifications/notification-composer';
import type { Composition, NotificationComposer } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';
import { MeetingEmailComposer } from './meeting-email.composer';
import type { SubstituteProposal } from './substitute-proposal.entity';
import { SubstituteProposalRepository } from './substitute-proposal.repository';

const skip = (reason: string): Composition => ({ send: false, reason });

/** The emails about a proposed substitute: to the secretariat while it waits, to the proposer once decided. */
@Injectable()
@ComposesNotifications('substitute_proposal')
export class SubstituteProposalEmailComposer implements NotificationComposer {
  constructor(
    private readonly proposals: SubstituteProposalRepository,
    private readonly meetingEmails: MeetingEmailComposer,
    private readonly links: ActionLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(notification: Notification, recipient: Member): Promise<Composition> {
    const proposal = await this.proposals.withMeeting(notification.subjectId!);
    if (!proposal) return skip('the proposal no longer exists');
    const meeting = proposal.meeting!;
    const common = {
      ...emailCommon(recipient, this.config.appUrl, this.links.preferences(recipient)),
      meeting: this.meetingEmails.view(meeting, recipient),
      candidate: this.person(proposal, recipient),
    };
    switch (notification.kind) {
      case 'substitute-proposal-received':
        if (proposal.status !== 'pending') return skip(`the proposal was ${proposal.status} meanwhile`);
        return {
          send: true,
          kind: 'substitute-proposal-received',
          data: {
            ...common,
            proposer: { fullName: proposal.proposer!.fullName, countryCode: proposal.proposer!.countryCode },
            reviewUrl: `${this.config.appUrl}/meetings/${meeting.id}#substitute-proposals`,
          },
        };
      case 'substitute-proposal-approved':
        return { send: true, kind: 'substitute-proposal-approved', data: common };
      case 'substitute-proposal-refused':
        return { send: true, kind: 'substitute-proposal-refused', data: { ...common, reason: proposal.refusalReason } };
      default:
        return skip(`no ${notification.kind} email about a substitute proposal`);
    }
  }

  private person(proposal: SubstituteProposal, reader: Member): ProposedPerson {
    return {
      fullName: proposal.fullName,
      email: proposal.email,
      organization: proposal.organization,
      position: proposal.position,
      languageName: t(`sp.language.${proposal.language}`, reader.language),
    };
  }
}
