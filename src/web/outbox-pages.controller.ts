import { CachedPage } from './cached-page.interceptor';
import { labelledProblems } from './form-problems';
import { Controller, Get, HttpStatus, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isUUID } from 'class-validator';
import { t } from '../common/i18n/messages';
import { NotificationQuery } from '../notifications/dto/notification-query.dto';
import type { Notification } from '../notifications/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { typedFilters } from './filter-form';
import { blankToUndefined, problemsOf, validateForm } from './forms';
import { OUTBOX_FILTERS, OutboxPageService } from './outbox-page.service';
import type { OutboxFilters } from './outbox-page.service';
import { PageSession, SecretariatPage } from './page-access';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

/** The outbox for the secretariat: every email with its delivery, one email as it reads, and resending. */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('outbox')
export class OutboxPagesController {
  constructor(
    private readonly session: PageSessionService,
    private readonly view: OutboxPageService,
    private readonly notifications: NotificationsService,
  ) {}

  @CachedPage()
  @Get()
  async list(@PageSession() context: PageContext, @Req() req: Request, @Res() res: Response) {
    const typed = typedFilters(req.query, OUTBOX_FILTERS);
    const checked = await validateForm(NotificationQuery, blankToUndefined(typed));
    const { language } = context;
    const problems = checked.ok
      ? []
      : labelledProblems(
          checked.problems,
          {
            status: t('outbox.status', language),
            subjectType: t('outbox.subject', language),
            recipientId: t('outbox.recipient', language),
            from: t('outbox.from', language),
            to: t('outbox.to', language),
          },
          language,
        );
    const pageText = typeof req.query.page === 'string' ? req.query.page : '1';
    const page = /^[1-9]\d{0,5}$/.test(pageText) ? Number(pageText) : 0;
    if (page === 0) problems.push({ field: 'page', message: 'page must be a whole number from 1' });
    const filters: OutboxFilters = checked.ok ? checked.value : {};
    const data = await this.view.list(
      filters,
      Math.max(page, 1),
      typed,
      problems,
      context.language,
      context.member.timeZone,
    );
    res.status(problems.length ? HttpStatus.BAD_REQUEST : HttpStatus.OK);
    this.session.render(res, context, 'outbox', t('outbox.title', context.language), data);
  }

  @Get(':id')
  async email(
    @PageIdParam() id: string,
    @PageSession() context: PageContext,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const notification = await this.find(id, res, context);
    if (!notification) return;
    const resent = typeof req.query.resent === 'string' && isUUID(req.query.resent) ? req.query.resent : null;
    const data = await this.view.email(notification, resent, context.language, context.member.timeZone);
    this.session.render(res, context, 'outbox-email', data.heading, { ...data, csrf: context.csrf });
  }

  /** The email's own HTML for the page's sandboxed frame: its inline styles allowed here, nothing else. */
  @Get(':id/email.html')
  async emailHtml(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    const notification = await this.find(id, res, context);
    if (!notification) return;
    const html = await this.view.emailHtml(notification);
    res
      .status(html === null ? HttpStatus.NOT_FOUND : HttpStatus.OK)
      .set({
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox",
        'Cache-Control': 'no-store',
      })
      .type('html')
      .send(html ?? '');
  }

  /** The same rules as POST /api/notifications/:id/resend: a new entry due now, the original kept. */
  @Post(':id/resend')
  async resend(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    if (!(await this.find(id, res, context))) return;
    const created = await this.notifications.resend(id);
    res.redirect(HttpStatus.SEE_OTHER, `/outbox/${id}?resent=${created.id}`);
  }

  private async find(id: string, res: Response, context: PageContext): Promise<Notification | null> {
    try {
      return await this.notifications.get(id);
    } catch (error) {
      if (problemsOf(error) === null) throw error;
      const line = t('outbox.missing', context.language);
      res.status(HttpStatus.NOT_FOUND);
      this.session.render(res, context, 'message', line, { lines: [] });
      return null;
    }
  }
}
