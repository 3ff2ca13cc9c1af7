import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../common/http/api-error';
import type { FieldProblem } from '../common/http/api-error';
import { RateLimiter } from '../common/http/rate-limiter';
import { LANGUAGES, languageFromHeader } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import { requestContext } from '../common/request-context';
import { isValidTimeZone } from '../common/time/time-zone';
import { DIGEST_PREFERENCES } from '../members/member.entity';
import type { DigestPreference, Member } from '../members/member.entity';
import { MembersService } from '../members/members.service';
import { PageRenderer } from '../pages/page-renderer';
import { byField } from '../web/forms';
import { ActionClosed, ActionForm, ActionService, PROPOSAL_FIELDS } from './action.service';
import type { ActionView, ProposalForm } from './action.service';
import { ActionTokenService } from './action-token.service';
import type { ActionClaims } from './action-token.service';

/** Zones offered first: where the group's people live. */
export const COMMON_ZONES = [
  'Asia/Almaty',
  'Asia/Bishkek',
  'Asia/Dushanbe',
  'Asia/Ashgabat',
  'Asia/Tashkent',
  'Europe/Brussels',
  'Europe/Vienna',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/London',
  'UTC',
];

const PASSED_THROUGH: number[] = [HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT, HttpStatus.TOO_MANY_REQUESTS];

/** A page behind an email's link: no sign-in, and neither caches nor referrers keep the token. */
const LinkPage = () =>
  applyDecorators(Public(), Header('Cache-Control', 'no-store'), Header('Referrer-Policy', 'no-referrer'));

/** Answer links from emails. */
@ApiExcludeController()
@Controller()
export class ActionPagesController {
  constructor(
    private readonly tokens: ActionTokenService,
    private readonly actions: ActionService,
    private readonly members: MembersService,
    private readonly pages: PageRenderer,
    private readonly limiter: RateLimiter,
  ) {}

  @Get('assets/app.css')
  @Public()
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  stylesheet() {
    return this.pages.stylesheet();
  }

  // Browsers ask for /favicon.ico on their own; an SVG answers it as well as the page's own icon link.
  @Get(['favicon.ico', 'assets/favicon.svg'])
  @Public()
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'public, max-age=86400')
  favicon() {
    return this.pages.favicon();
  }

  @Get('a/:token')
  @LinkPage()
  async open(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    const context = await this.context(token, req, res);
    if (!context) return;
    const { claims, member } = context;
    if (claims.kind === 'preferences') return this.preferencesPage(res, member, token, {});
    try {
      res.send(this.confirmPage(token, member, await this.actions.describe(claims, member)));
    } catch (error) {
      this.fail(res, member.language, error);
    }
  }

  @Post('a/:token')
  @HttpCode(200)
  @LinkPage()
  async answer(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const context = await this.acting(token, req, res);
    if (!context) return;
    const { claims, member } = context;
    if (claims.kind === 'preferences') return this.savePreferences(res, member, token, body);
    const text = (key: string) => (typeof body?.[key] === 'string' ? body[key].slice(0, 1000) : undefined);
    const form: ActionForm = {
      delegateMemberId: text('delegateMemberId'),
      newDeadline: text('newDeadline'),
      note: text('note'),
    };
    try {
      await this.actions.perform(claims, member, form);
      const view = await this.actions.describe(claims, member).catch(() => null);
      res.send(
        this.pages.render('message', member.language, t('page.done.title', member.language), {
          lines: [...(view?.facts.map((f) => `${f.label}: ${f.value}`) ?? []), t('page.done.changed', member.language)],
          link: nextPage(claims, member.language),
        }),
      );
    } catch (error) {
      this.fail(res, member.language, error);
    }
  }

  /**
   * A substitute from outside the list, proposed from the delegate link's page; a refusal shows the page
   * again with the message beside the field and what was typed.
   */
  @Post('a/:token/propose')
  @HttpCode(200)
  @LinkPage()
  async propose(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const context = await this.acting(token, req, res);
    if (!context) return;
    const { claims, member } = context;
    const form: ProposalForm = Object.fromEntries(
      PROPOSAL_FIELDS.map((field) => [
        field,
        typeof body?.[field] === 'string' ? body[field].slice(0, 1000) : undefined,
      ]),
    );
    try {
      const proposal = await this.actions.propose(claims, member, form);
      res.send(
        this.pages.render('message', member.language, t('page.done.title', member.language), {
          lines: [t('sp.page.sent', member.language, { name: proposal.fullName })],
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiError) || error.getStatus() >= 500) return this.fail(res, member.language, error);
      try {
        const view = await this.actions.describe(claims, member);
        const { message: problems, details } = error.getResponse() as {
          message: FieldProblem[] | string;
          details?: { offeredMember?: { id: string } };
        };
        const list = Array.isArray(problems) ? problems : [{ field: 'form', message: problems }];
        if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
        res.status(error.getStatus()).send(
          this.confirmPage(token, member, view, {
            proposal: { values: form, errors: byField(list), problems: list },
            offeredId: details?.offeredMember?.id,
          }),
        );
      } catch (closed) {
        this.fail(res, member.language, closed);
      }
    }
  }

  private confirmPage(token: string, member: Member, view: ActionView, extra: Record<string, unknown> = {}) {
    const language = member.language;
    return this.pages.render('action-confirm', language, t('page.confirm.title', language), {
      lead: t('page.confirm.lead', language, { name: member.fullName }),
      facts: view.facts,
      substitutes: view.substitutes,
      showAnswer: !view.proposeOutside || (view.substitutes?.length ?? 0) > 0,
      askDeadline: view.askDeadline,
      askNote: view.askNote,
      deadlinePlaceholder:
        language === 'en' ? 'end of March 2031' : language === 'kk' ? '2031 жылғы наурыздың соңы' : 'конец марта 2031',
      action: `/a/${token}`,
      proposeOutside: view.proposeOutside,
      pendingProposal: view.pendingProposal,
      proposeAction: `/a/${token}/propose`,
      languages: LANGUAGES.map((value) => ({ value, label: t(`sp.language.${value}`, language) })),
      proposal: { values: { language }, errors: {}, problems: [] },
      ...extra,
    });
  }

  /** The limits of every POST to an answer link: per link and per address. */
  /** A POST through the link: within its limits, the link's member acts, as the audit trail will name them. */
  private async acting(token: string, req: Request, res: Response) {
    if (!(await this.withinLimits(token, req, res))) return null;
    const context = await this.context(token, req, res);
    if (!context) return null;
    const { member } = context;
    requestContext.actAs({
      kind: 'member',
      id: member.id,
      memberId: member.id,
      name: `${member.fullName} (email link)`,
      role: 'member',
    });
    return context;
  }

  private async withinLimits(token: string, req: Request, res: Response): Promise<boolean> {
    const wait = await this.limiter.hit(
      { key: `action:token:${token.slice(-43)}`, limit: 20, windowSeconds: 60 },
      { key: `action:ip:${req.ip}`, limit: 120, windowSeconds: 60 },
    );
    if (wait === null) return true;
    const language = languageFromHeader(req.header('accept-language'));
    res.setHeader('Retry-After', String(wait));
    res.status(HttpStatus.TOO_MANY_REQUESTS).send(
      this.pages.render('message', language, t('page.error.title', language), {
        lines: [t('page.error.too_many', language)],
      }),
    );
    return false;
  }

  /** Checks the link; on a bad one answers with a page (4xx) that shows nobody's data. */
  private async context(
    token: string,
    req: Request,
    res: Response,
  ): Promise<{ claims: ActionClaims; member: Member } | null> {
    const verified = this.tokens.verify(token);
    const fallback = languageFromHeader(req.header('accept-language'));
    // Sign-in and letter links open their own routes, never an answer page.
    if (!verified.ok || verified.claims.kind === 'sign-in' || verified.claims.kind === 'letter.invitation') {
      const expired = !verified.ok && verified.reason === 'expired';
      res.status(expired ? HttpStatus.GONE : HttpStatus.BAD_REQUEST).send(
        this.pages.render('message', fallback, t('page.error.title', fallback), {
          lines: [t(expired ? 'page.error.expired' : 'page.error.invalid', fallback)],
        }),
      );
      return null;
    }
    const member = await this.actions.member(verified.claims);
    if (!member) {
      res.status(HttpStatus.GONE).send(
        this.pages.render('message', fallback, t('page.error.title', fallback), {
          lines: [t('page.error.expired', fallback)],
        }),
      );
      return null;
    }
    return { claims: verified.claims, member };
  }

  private fail(res: Response, language: Language, error: unknown) {
    if (error instanceof ActionClosed) {
      res.status(HttpStatus.CONFLICT).send(
        this.pages.render('message', language, t('page.error.title', language), {
          lines: [error.message],
          link: error.meetingId
            ? {
                lead: t('link.closed.more', language),
                href: `/meetings/${error.meetingId}`,
                label: t('my.open', language),
              }
            : null,
        }),
      );
      return;
    }
    if (error instanceof ApiError) {
      const body = error.getResponse() as { message: { message: string }[] | string };
      const reason = Array.isArray(body.message) ? body.message.map((m) => m.message).join('; ') : body.message;
      // A refusal the API answers with 400, 409 or 429 keeps its status here; other mistakes are 422 as before.
      const status = PASSED_THROUGH.includes(error.getStatus()) ? error.getStatus() : HttpStatus.UNPROCESSABLE_ENTITY;
      if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      res.status(status).send(
        this.pages.render('message', language, t('page.error.title', language), {
          lines: [
            t(status === Number(HttpStatus.CONFLICT) ? 'page.error.closed' : 'page.error.input', language, {
              reason,
            }),
          ],
        }),
      );
      return;
    }
    throw error;
  }

  private preferencesPage(
    res: Response,
    member: Member,
    token: string,
    extra: { saved?: boolean; error?: string },
    status = 200,
  ) {
    const zones = COMMON_ZONES.includes(member.timeZone) ? COMMON_ZONES : [member.timeZone, ...COMMON_ZONES];
    res.status(status).send(
      this.pages.render('preferences', member.language, t('prefs.title', member.language), {
        member,
        zones,
        digests: DIGEST_PREFERENCES.map((value) => ({
          value,
          label: label('digestPreference', value, member.language),
          checked: member.digest === value,
        })),
        action: `/a/${token}`,
        ...extra,
      }),
    );
  }

  private async savePreferences(res: Response, member: Member, token: string, body: Record<string, unknown>) {
    const language = body?.language;
    const timeZone = body?.timeZone;
    const digest = body?.digest;
    const problems: string[] = [];
    if (typeof language !== 'string' || !(LANGUAGES as readonly string[]).includes(language))
      problems.push('language must be en, ru or kk');
    if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) problems.push('time zone is not known');
    if (typeof digest !== 'string' || !(DIGEST_PREFERENCES as readonly string[]).includes(digest))
      problems.push('digest must be immediate, daily or weekly');
    if (problems.length)
      return this.preferencesPage(
        res,
        member,
        token,
        { error: t('page.error.input', member.language, { reason: problems.join('; ') }) },
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    const updated = await this.members.update(member.id, {
      language: language as Language,
      timeZone: timeZone as string,
      digest: digest as DigestPreference,
    });
    return this.preferencesPage(res, updated, token, { saved: true });
  }
}

/** Where an answered link leads on: the meeting, its poll or the activity, so the page is no dead end. */
function nextPage(claims: ActionClaims, language: Language): { lead: string; href: string; label: string } {
  const lead = t('page.done.next', language);
  if (claims.kind.startsWith('poll.'))
    return { lead, href: `/meetings/${claims.subject}/poll`, label: t('page.done.next.poll', language) };
  if (claims.kind.startsWith('meeting.'))
    return { lead, href: `/meetings/${claims.subject}`, label: t('page.done.next.meeting', language) };
  if (claims.kind.startsWith('item.'))
    return { lead, href: `/work-plan/items/${claims.subject}`, label: t('page.done.next.item', language) };
  return { lead, href: '/me', label: t('page.done.next.me', language) };
}
