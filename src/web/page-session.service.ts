import { HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LANGUAGES, languageFromHeader } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { requestContext } from '../common/request-context';
import type { Role } from '../common/request-context';
import type { Member } from '../members/member.entity';
import { InboxService } from '../inbound/inbox.service';
import { PageRenderer } from '../pages/page-renderer';
import type { PageName } from '../pages/page-renderer';
import { cookieValue } from '../sessions/session-pages.controller';
import { safeNextPath } from '../sessions/next-path';
import { LANGUAGE_COOKIE, SESSION_COOKIE, SessionsService } from '../sessions/sessions.service';
import type { Session } from '../sessions/session.entity';

/** The EN/RU/KK switch: the same page with the same filters, month or page number, only ?lang changed. */
export function languageLinks(
  req: Request,
  current: Language,
): { code: Language; name: string; href: string; current: boolean }[] {
  const here = new URL(req.originalUrl, 'http://page');
  const from =
    req.method === 'GET'
      ? here
      : (sameSitePage(req.get('referer'), req.get('host')) ?? new URL(here.pathname, 'http://page'));
  return LANGUAGES.map((code) => {
    const target = new URL(from.href);
    target.searchParams.set('lang', code);
    return { code, name: code.toUpperCase(), href: `${target.pathname}${target.search}`, current: code === current };
  });
}

function sameSitePage(referer: string | undefined, host: string | undefined): URL | null {
  if (!referer || !host) return null;
  try {
    const url = new URL(referer);
    return url.host === host ? url : null;
  } catch {
    return null;
  }
}

const SAFE_METHODS = ['GET', 'HEAD'];

/** The sign-in page that opens the asked-for page afterwards; a form post or the home page signs in to the usual page. */
function signInFor(req: Request): string {
  const next = SAFE_METHODS.includes(req.method) ? safeNextPath(req.originalUrl) : null;
  return next && next.split('?')[0] !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}

export interface PageContext {
  member: Member;
  session: Session;
  role: Role;
  language: Language;
  csrf: string;
  /** The secretariat's inbox messages waiting, for the menu. */
  inboxOpen?: number;
  /** The database snapshot the session was read in (see PageCache). */
  snapshot: string;
}

@Injectable()
export class PageSessionService {
  private lastInboxCount: { snapshot: string; count: number } | null = null;

  constructor(
    private readonly sessions: SessionsService,
    private readonly pages: PageRenderer,
    private readonly inbox: InboxService,
  ) {}

  async require(req: Request, res: Response, secretariat = true): Promise<PageContext | null> {
    // Every answer here depends on who is signed in (even the redirect to sign in): no browser or proxy may keep one.
    res.setHeader('Cache-Control', 'no-store');
    const found = await this.sessions.find(cookieValue(req, SESSION_COOKIE));
    if (!found) {
      res.redirect(HttpStatus.SEE_OTHER, signInFor(req));
      return null;
    }
    const asked =
      typeof req.query.lang === 'string' && (LANGUAGES as readonly string[]).includes(req.query.lang)
        ? (req.query.lang as Language)
        : null;
    if (asked) res.append('Set-Cookie', `${LANGUAGE_COOKIE}=${asked}; Path=/; SameSite=Lax; Max-Age=31536000`);
    const remembered = cookieValue(req, LANGUAGE_COOKIE);
    const language: Language =
      asked ??
      ((LANGUAGES as readonly string[]).includes(remembered ?? '') ? (remembered as Language) : found.member.language);
    if (secretariat && found.role !== 'secretariat') {
      res.status(HttpStatus.FORBIDDEN).send(
        this.pages.render('message', language, t('page.forbidden', language), {
          lines: [t('page.forbidden.lead', language)],
        }),
      );
      return null;
    }
    requestContext.actAs({
      kind: 'member',
      id: found.member.id,
      memberId: found.member.id,
      name: found.member.fullName,
      role: found.role,
    });
    return {
      member: found.member,
      session: found.session,
      role: found.role,
      language,
      csrf: this.sessions.csrfToken(found.session),
      inboxOpen: found.role === 'secretariat' ? await this.inboxOpen(found.snapshot) : undefined,
      snapshot: found.snapshot,
    };
  }

  /** The menu's inbox count, counted again only once something was committed since the last count. */
  private async inboxOpen(snapshot: string): Promise<number> {
    if (this.lastInboxCount?.snapshot !== snapshot)
      this.lastInboxCount = { snapshot, count: await this.inbox.countOpen() };
    return this.lastInboxCount.count;
  }

  /** The 404 page for an unknown address, in the reader's language, with the menu when signed in. */
  async notFound(req: Request, res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    const found = await this.sessions.find(cookieValue(req, SESSION_COOKIE)).catch(() => null);
    const remembered = cookieValue(req, LANGUAGE_COOKIE);
    const language: Language = (LANGUAGES as readonly string[]).includes(remembered ?? '')
      ? (remembered as Language)
      : (found?.member.language ?? languageFromHeader(req.get('accept-language')));
    const nav = found
      ? {
          signedIn: true,
          fullName: found.member.fullName,
          secretariat: found.role === 'secretariat',
          languages: languageLinks(req, language),
        }
      : null;
    res.status(HttpStatus.NOT_FOUND).send(
      this.pages.render('message', language, t('page.notFound', language), {
        lines: [t('page.notFound.lead', language)],
        nav,
      }),
    );
  }

  checkCsrf(context: PageContext, body: unknown): boolean {
    return this.sessions.checkCsrf(context.session, (body as { csrf?: unknown } | undefined)?.csrf);
  }

  refuseCsrf(res: Response, context: PageContext): void {
    res
      .status(HttpStatus.FORBIDDEN)
      .send(this.pages.render('message', context.language, t('page.error.csrf', context.language), { lines: [] }));
  }

  message(res: Response, context: PageContext, status: number, title: string, lines: string[]): void {
    res.status(status);
    this.render(res, context, 'message', title, { lines });
  }

  render(res: Response, context: PageContext, name: PageName, title: string, data: Record<string, unknown>) {
    const nav = {
      signedIn: true,
      csrf: context.csrf,
      fullName: context.member.fullName,
      secretariat: context.role === 'secretariat',
      inboxOpen: context.inboxOpen ?? 0,
      languages: languageLinks(res.req, context.language),
    };
    res.send(this.pages.render(name, context.language, title, { ...data, nav }));
  }
}
