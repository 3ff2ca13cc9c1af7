import { AuditEntry } from '../audit/audit-entry.entity';
import { ApiToken } from '../auth/api-token.entity';
import { Body } from '../bodies/body.entity';
import { Membership } from '../bodies/membership.entity';
import { DocumentNotice } from '../document-distribution/document-notice.entity';
import { DocumentBlob, DocumentBlobChunk } from '../documents/document-blob.entity';
import { DocumentFile } from '../documents/document-file.entity';
import { DocumentRead } from '../documents/document-read.entity';
import { Document } from '../documents/document.entity';
import { AgendaItem } from '../meetings/agenda-item.entity';
import { CalendarFeedToken } from '../meetings/calendar-feed-token.entity';
import { MeetingDateAnswer, MeetingDateOption } from '../meetings/date-option.entity';
import { InboundMessage } from '../inbound/inbound-message.entity';
import { Invitation } from '../meetings/invitation.entity';
import { Meeting } from '../meetings/meeting.entity';
import { SubstituteProposal } from '../meetings/substitute-proposal.entity';
import { MeetingDecision, MeetingMinutes } from '../meetings/minutes.entity';
import { LetterSettings } from '../letters/letter-settings.entity';
import { PassportDetails } from '../letters/passport-details.entity';
import { Member } from '../members/member.entity';
import { Notification } from '../notifications/notification.entity';
import { SentEmail } from '../notifications/sent-email.entity';
import { Session, SignInLink } from '../sessions/session.entity';
import { OrganizationFocalPoint } from '../organizations/organization-focal-point.entity';
import { Organization } from '../organizations/organization.entity';
import { WorkPlanItemChange } from '../work-plan/work-plan-item-change.entity';
import { WorkPlanItem } from '../work-plan/work-plan-item.entity';
import { WorkPlan } from '../work-plan/work-plan.entity';

export const ENTITIES = [
  AuditEntry,
  ApiToken,
  Body,
  Membership,
  Member,
  Organization,
  OrganizationFocalPoint,
  WorkPlan,
  WorkPlanItem,
  WorkPlanItemChange,
  Meeting,
  MeetingDateOption,
  MeetingDateAnswer,
  Invitation,
  SubstituteProposal,
  AgendaItem,
  MeetingMinutes,
  MeetingDecision,
  CalendarFeedToken,
  LetterSettings,
  PassportDetails,
  Notification,
  SentEmail,
  Session,
  SignInLink,
  Document,
  DocumentFile,
  DocumentRead,
  DocumentBlob,
  DocumentBlobChunk,
  InboundMessage,
  DocumentNotice,
];
