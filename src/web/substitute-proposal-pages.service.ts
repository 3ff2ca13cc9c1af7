import { Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { formatDateTimeInZone } from '../common/time/format';
import { SubstituteProposalsService } from '../meetings/substitute-proposals.service';
import { byField } from './forms';
import type { FailedForm } from './meeting-pages.service';

/** The section form of the meeting page that reviews substitutes proposed from outside the list. */
export const PROPOSAL_FORM = 'substitute-proposals';
const DONE = { proposal_approved: 'sp.mp.done.approved', proposal_refused: 'sp.mp.done.refused' } as const;

/** The secretariat's review of proposed substitutes, for the meeting page, in the reader's language and zone. */
@Injectable()
export class SubstituteProposalPagesService {
  constructor(private readonly proposals: SubstituteProposalsService) {}

  doneSentence(query: Record<string, unknown>, language: Language): string | null {
    const key = Object.hasOwn(DONE, String(query.done)) ? DONE[query.done as keyof typeof DONE] : null;
    return key ? t(key, language) : null;
  }

  async section(meetingId: string, language: Language, zone: string, failed?: FailedForm) {
    const proposals = await this.proposals.list(meetingId);
    const failedHere = failed?.form === PROPOSAL_FORM ? failed : undefined;
    return {
      items: proposals.map((p) => {
        const mine = failedHere?.values.proposalId === p.id;
        return {
          id: p.id,
          name: p.fullName,
          email: p.email,
          organization: p.organization,
          position: p.position,
          writeIn: t('sp.mp.writeIn', language, { language: t(`sp.language.${p.language}`, language) }),
          proposedBy: t('sp.mp.proposedBy', language, {
            name: p.proposer.fullName,
            country: p.proposer.countryCode,
          }),
          when: formatDateTimeInZone(p.createdAt, zone, language),
          status: t(`sp.mp.status.${p.status}`, language),
          pending: p.status === 'pending',
          refusalReason: p.refusalReason,
          reason: mine && typeof failedHere.values.reason === 'string' ? failedHere.values.reason : '',
          errors: mine ? byField(failedHere.problems) : {},
        };
      }),
    };
  }
}
