import { MEMBERSHIP_ROLES } from '../../bodies/membership.entity';
import { BODY_KINDS } from '../../bodies/body.entity';
import { EMAIL_KINDS } from '../../mail/email-kinds';
import { POLL_ANSWERS } from '../../meetings/date-option.entity';
import { INVITATION_RESPONSES } from '../../meetings/invitation.entity';
import { MEETING_KINDS, MEETING_STATUSES } from '../../meetings/meeting.entity';
import { DIGEST_PREFERENCES } from '../../members/member.entity';
import { NOTIFICATION_STATUSES, SUBJECT_TYPES } from '../../notifications/notification.entity';
import { ORGANIZATION_KINDS } from '../../organizations/organization.entity';
import { WORK_PLAN_STATUSES } from '../../work-plan/work-plan.entity';
import { DEADLINE_KINDS, ITEM_STATUSES } from '../../work-plan/work-plan-item.entity';
import { DEADLINE_STATES } from '../../document-distribution/deadline-states';
import { hasLabel, label } from './labels';
import type { LabelKind } from './labels';
import { LANGUAGES } from './languages';

/** Every enum the data holds, from the entities themselves, so a value added there without a word fails here. */
const ENUMS: Record<LabelKind, readonly string[]> = {
  meetingStatus: MEETING_STATUSES,
  meetingKind: MEETING_KINDS,
  invitationResponse: INVITATION_RESPONSES,
  pollAnswer: POLL_ANSWERS,
  itemStatus: ITEM_STATUSES,
  workPlanStatus: WORK_PLAN_STATUSES,
  deadlineKind: DEADLINE_KINDS,
  notificationStatus: NOTIFICATION_STATUSES,
  subjectType: SUBJECT_TYPES,
  emailKind: EMAIL_KINDS,
  bodyKind: BODY_KINDS,
  membershipRole: MEMBERSHIP_ROLES,
  organizationKind: ORGANIZATION_KINDS,
  digestPreference: DIGEST_PREFERENCES,
  documentDeadline: DEADLINE_STATES,
  language: LANGUAGES,
};

describe('label()', () => {
  const cases = Object.entries(ENUMS).flatMap(([kind, values]) =>
    values.map((value) => [kind as LabelKind, value] as const),
  );

  it.each(cases)('%s “%s” has a word in English, Russian and Kazakh', (kind, value) => {
    expect(hasLabel(kind, value)).toBe(true);
    const words = LANGUAGES.map((language) => label(kind, value, language));
    for (const word of words) expect(word.trim()).not.toBe('');
    // Russian and Kazakh are written in Cyrillic; an English word left there is a missing translation.
    expect(words[1]).toMatch(/[а-яё]/i);
    expect(words[2]).toMatch(/[а-яёәғқңөұүһі]/i);
    // Codes with an underscore or a hyphen are never shown as they are stored.
    if (/[_-]/.test(value)) expect(words).not.toContain(value);
  });

  it('shows a value without a word as it is, rather than failing the page', () => {
    expect(hasLabel('meetingStatus', 'adjourned')).toBe(false);
    expect(label('meetingStatus', 'adjourned', 'ru')).toBe('adjourned');
    expect(label('meetingStatus', 'cancelled', 'ru')).toBe('отменено');
    expect(label('emailKind', 'meeting-invitation', 'kk')).toBe('Шақыру');
  });
});
