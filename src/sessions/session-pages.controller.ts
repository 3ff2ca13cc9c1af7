import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ActionTokenService } from '../actions/action-token.service';
import { Public } from '../auth/auth.decorators';
import { RateLimiter } from '../common/http/rate-limiter';
import { LANGUAGES, languageFromHeader } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { isEmailAddress } from '../common/validation/validators';
import { PageRenderer } from '../pages/page-renderer';
import { safeNextPath } from './next-path';
import { LANGUAGE_COOKIE, SESSION_COOKIE, SessionsService } from './sessions.service';

/** Reads one cookie without a cookie library: the only cookie this service sets is the session. */
export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Someone not signed in: the language they chose on a page before, else their browser's. */
function visitorLanguage(req: Request): Language {
  const chosen = cookieValue(req, LANGUAGE_COOKIE);
  return (LANGUAGES as readonly string[]).includes(chosen ?? '')
    ? (chosen as Language)
    : languageFromHeader(req.header('accept-language'));
}

@ApiExcludeController()
@Controller()
export class SessionPagesController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly tokens: ActionTokenService,
    private readonly pages: PageRenderer,
    private readonly limiter: RateLimiter,
  ) {}

  @Get('sign-in')
  @Public()
  form(@Req() req: Request, @Res() res: Response) {
    const language = visitorLanguage(req);
    const next = safeNextPath(req.query.next);
    res.send(this.pages.render('sign-in', language, t('signin.title', language), { next, needed: next !== null }));
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  async request(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const language = visitorLanguage(req);
    const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
    const next = safeNextPath(body?.next);
    if (!isEmailAddress(email)) {
      return res.status(HttpStatus.BAD_REQUEST).send(
        this.pages.render('sign-in', language, t('signin.title', language), {
          error: t('page.error.input', language, { reason: t('signin.email', language) }),
          next,
          needed: next !== null,
        }),
      );
    }
    const wait = await this.limiter.hit(
      { key: `sign-in:email:${email}`, limit: 5, windowSeconds: 900 },
      { key: `sign-in:ip:${req.ip}`, limit: 30, windowSeconds: 900 },
    );
    if (wait !== null) return this.tooMany(res, language, wait);
    // Answered before the address is even looked up: the time to answer tells nothing about it.
    res.send(this.pages.render('sign-in', language, t('signin.title', language), { sent: true, next }));
    this.sessions.requestLinkAfterAnswer(email, next);
  }

  @Get('sign-in/:token')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  confirm(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    const verified = this.tokens.verify(token);
    const language = visitorLanguage(req);
    if (!verified.ok || verified.claims.kind !== 'sign-in')
      return this.message(res, language, HttpStatus.BAD_REQUEST, t('signin.used', language));
    res.send(
      this.pages.render('sign-in-confirm', language, t('signin.title', language), {
        action: `/sign-in/${token}`,
        confirm: t('signin.title', language),
      }),
    );
  }

  @Post('sign-in/:token')
  @Public()
  @Header('Cache-Control', 'no-store')
  async complete(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    const language = visitorLanguage(req);
    const wait = await this.limiter.hit({ key: `sign-in:complete:ip:${req.ip}`, limit: 30, windowSeconds: 900 });
    if (wait !== null) return this.tooMany(res, language, wait);
    const verified = this.tokens.verify(token);
    if (!verified.ok || verified.claims.kind !== 'sign-in')
      return this.message(res, language, HttpStatus.BAD_REQUEST, t('signin.used', language));
    const opened = await this.sessions.consume(verified.claims.subject, verified.claims.member);
    if (!opened) return this.message(res, language, HttpStatus.GONE, t('signin.used', language));
    res.setHeader('Set-Cookie', this.sessions.cookie(opened.token));
    res.redirect(HttpStatus.SEE_OTHER, opened.landing);
  }

  @Post('sign-out')
  @Public()
  @HttpCode(200)
  async signOut(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    return this.end(body, req, res, false);
  }

  @Post('sign-out/everywhere')
  @Public()
  @HttpCode(200)
  async signOutEverywhere(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    return this.end(body, req, res, true);
  }

  private async end(body: Record<string, unknown>, req: Request, res: Response, everywhere: boolean) {
    res.setHeader('Cache-Control', 'no-store');
    const found = await this.sessions.find(cookieValue(req, SESSION_COOKIE));
    const fallback = visitorLanguage(req);
    if (!found) return this.message(res, fallback, HttpStatus.OK, t('signout.done', fallback));
    const language = found.member.language;
    if (!this.sessions.checkCsrf(found.session, body?.csrf))
      return this.message(res, language, HttpStatus.FORBIDDEN, t('page.error.csrf', language));
    if (everywhere) await this.sessions.signOutEverywhere(found.member.id);
    else await this.sessions.signOut(found.session);
    res.setHeader('Set-Cookie', this.sessions.cookie('', 0));
    return this.message(
      res,
      language,
      HttpStatus.OK,
      t(everywhere ? 'signout.everywhere.done' : 'signout.done', language),
    );
  }

  private message(res: Response, language: Language, status: number, line: string) {
    res.status(status).send(this.pages.render('message', language, line, { lines: [] }));
  }

  private tooMany(res: Response, language: Language, wait: number) {
    res.setHeader('Retry-After', String(wait));
    this.message(res, language, HttpStatus.TOO_MANY_REQUESTS, t('page.error.too_many', language));
  }
}
