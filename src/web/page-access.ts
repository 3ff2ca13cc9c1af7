import { applyDecorators, createParamDecorator, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { PAGE_ROUTE } from '../auth/auth.decorators';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

/** Who may see a page: the secretariat only, or every signed-in member (the secretariat included). */
export type PageAudience = 'secretariat' | 'member';

const CSRF_IN_HANDLER = 'page:csrf-in-handler';
const SAFE_METHODS = ['GET', 'HEAD'];

type PageRequest = Request & { pageContext?: PageContext };

@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly session: PageSessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const audience = this.reflector.getAllAndOverride<PageAudience | undefined>(PAGE_ROUTE, targets);
    if (!audience) throw new Error('PageGuard runs only on routes marked @SecretariatPage() or @MemberPage()');
    const http = context.switchToHttp();
    const req = http.getRequest<PageRequest>();
    const res = http.getResponse<Response>();
    const page = await this.session.require(req, res, audience === 'secretariat');
    if (!page) return false;
    const csrfLater = this.reflector.getAllAndOverride<boolean>(CSRF_IN_HANDLER, targets) === true;
    if (!SAFE_METHODS.includes(req.method) && !csrfLater && !this.session.checkCsrf(page, req.body)) {
      this.session.refuseCsrf(res, page);
      return false;
    }
    req.pageContext = page;
    return true;
  }
}

function pageRoute(audience: PageAudience): ClassDecorator & MethodDecorator {
  return applyDecorators(SetMetadata(PAGE_ROUTE, audience), UseGuards(PageGuard));
}

/** A page (or every page of a controller) for the secretariat only; its forms carry the session's CSRF token. */
export const SecretariatPage = () => pageRoute('secretariat');

/** A page for whoever is signed in, secretariat or not; its forms carry the session's CSRF token. */
export const MemberPage = () => pageRoute('member');

/** A multipart form: its fields, the CSRF token among them, are read after the guard. */
export const CsrfCheckedInHandler = () => SetMetadata(CSRF_IN_HANDLER, true);

export function pageContextOf(req: Request): PageContext | null {
  return (req as PageRequest).pageContext ?? null;
}

export const PageSession = createParamDecorator((_data: unknown, context: ExecutionContext): PageContext => {
  const page = pageContextOf(context.switchToHttp().getRequest<Request>());
  if (!page) throw new Error('@PageSession() needs a route marked @SecretariatPage() or @MemberPage()');
  return page;
});
