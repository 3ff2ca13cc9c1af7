import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PageSession } from './page-session';
import type { PageContext } from './page-session';

type PageRequest = Request & { pageContext?: PageContext };

/**
 * A secretariat page's session, checked before anything reads the request: guards run before
 * interceptors, so an upload from nobody (or from a member) is answered without its body being read.
 * When it refuses, PageSession has already answered (sign-in redirect or the 403 page); the error
 * Nest raises then finds the response sent and adds nothing.
 */
@Injectable()
export class SecretariatPageGuard implements CanActivate {
  constructor(private readonly session: PageSession) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<PageRequest>();
    const page = await this.session.require(req, http.getResponse<Response>());
    if (!page) return false;
    req.pageContext = page;
    return true;
  }
}

/** The context SecretariatPageGuard found for this request. */
export function guardedPageContext(req: Request): PageContext {
  const page = (req as PageRequest).pageContext;
  if (!page) throw new Error('SecretariatPageGuard did not run for this route');
  return page;
}
