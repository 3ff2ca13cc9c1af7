import { Inject, Injectable } from '@nestjs/common';
import { ContentTexts } from '../common/i18n/content-texts';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { formatDateTime } from '../common/time/format';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { InboxRow } from '../inbound/inbox.repository';
import { InboxService, replyOf } from '../inbound/inbox.service';
import type { SuggestedAction } from '../inbound/reply-intent';

export const INBOX_PAGE_SIZE = 30;

function size(bytes: number, language: Language): string {
  const format = (n: number, unit: string) => `${n.toLocaleString(language, { maximumFractionDigits: 1 })} ${unit}`;
  if (bytes < 1024) return format(bytes, 'B');
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB');
  return format(bytes / 1024 / 1024, 'MB');
}

interface Handled {
  action?: SuggestedAction;
  appliedBy?: string;
  dismissedBy?: string;
}

function handledOf(details: Record<string, unknown>): Handled | null {
  const value = details.handled;
  return value && typeof value === 'object' ? value : null;
}

/** What the inbox page shows: each message with its sender, subject, words, attachments and the answers it allows. */
@Injectable()
export class InboxPageService {
  constructor(
    private readonly inbox: InboxService,
    private readonly texts: ContentTexts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(open: boolean, page: number, language: Language, zone: string) {
    const { rows, total } = await this.inbox.page(open, INBOX_PAGE_SIZE, (page - 1) * INBOX_PAGE_SIZE);
    const ignored = open ? await this.inbox.countIgnoredUnknownSince(new Date(Date.now() - 24 * 3600_000)) : 0;
    const link = (target: number) =>
      `/inbox?${new URLSearchParams({ ...(open ? {} : { show: 'handled' }), page: String(target) }).toString()}`;
    return {
      open,
      messages: rows.map((row) => this.message(row, language, zone)),
      empty: t(open ? 'inbox.empty' : 'inbox.empty.handled', language),
      rateLimited: ignored
        ? t('inbox.rateLimited', language, { count: ignored, limit: this.config.inboundUnknownSenderLimitPerHour })
        : null,
      previous: page > 1 ? link(page - 1) : null,
      next: page * INBOX_PAGE_SIZE < total ? link(page + 1) : null,
    };
  }

  message(row: InboxRow, language: Language, zone: string) {
    const { message } = row;
    const reply = replyOf(row);
    const suggested = reply.suggestion;
    const actionLabel = (action: SuggestedAction) => t(`inbox.suggested.${action}` as MessageKey, language);
    const about = message.meetingId
      ? {
          href: `/meetings/${message.meetingId}`,
          label: row.meetingTitle ? this.texts.pick(row.meetingTitle, language) : '—',
        }
      : row.itemId
        ? {
            href: `/work-plan/items/${row.itemId}`,
            label: row.itemActivity ? this.texts.pick(row.itemActivity, language) : '—',
          }
        : null;
    const handled = handledOf(message.details ?? {});
    const when = message.handledAt ? formatDateTime(message.handledAt.toISOString(), zone, language) : '';
    return {
      id: message.id,
      kind: t(`inbox.kind.${message.kind}` as MessageKey, language),
      unknown: message.kind === 'unknown',
      received: formatDateTime(message.receivedAt.toISOString(), zone, language),
      from: message.fromName ? `${message.fromName} <${message.fromAddress}>` : message.fromAddress,
      fromAddress: message.fromAddress,
      member: message.memberId ? { href: `/members/${message.memberId}`, name: row.memberName ?? '—' } : null,
      subject: message.subject,
      about,
      notTheirs: !!reply.claimedNotificationId,
      text: reply.text || t('inbox.noText', language),
      quoted: reply.quoted,
      attachments: (message.attachments ?? []).map((a) => ({
        name: a.name,
        type: a.type,
        size: size(a.size, language),
      })),
      suggestion: suggested
        ? t('inbox.suggestion', language, {
            action: actionLabel(suggested.action),
            confidence: Math.round(suggested.confidence * 100),
            phrase: suggested.phrase,
          })
        : null,
      actions: this.inbox.actionsFor(row).map((action) => ({
        value: action,
        label: t(`inbox.action.${action}` as MessageKey, language),
        suggested: suggested?.action === action,
      })),
      handled: handled
        ? handled.action
          ? t('inbox.handledBy.applied', language, {
              action: actionLabel(handled.action),
              officer: handled.appliedBy ?? '—',
              when,
            })
          : t('inbox.handledBy.dismissed', language, { officer: handled.dismissedBy ?? '—', when })
        : null,
    };
  }
}
