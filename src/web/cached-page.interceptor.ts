import { HttpStatus, Injectable, UseInterceptors } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { finalize, of } from 'rxjs';
import type { Observable } from 'rxjs';
import { encodedBody, PageCache } from '../pages/page-cache';
import type { RenderedPage } from '../pages/page-cache';
import { pageContextOf } from './page-access';

/**
 * Serves a GET page from the PageCache when nothing was committed since it was rendered for the same
 * session, address, language and zone; otherwise renders it and keeps what the handler sent with 200.
 * Runs after the PageGuard, so the session is checked on every request, reused page or not.
 */
@Injectable()
export class CachedPageInterceptor implements NestInterceptor {
  constructor(private readonly cache: PageCache) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const page = pageContextOf(req);
    if (req.method !== 'GET' || !page || !this.cache.enabled) return next.handle();
    const key = this.cache.keyFor(
      {
        sessionId: page.session.id,
        role: page.role,
        language: page.language,
        timeZone: page.member.timeZone,
        address: req.originalUrl,
      },
      page.snapshot,
    );
    const found = this.cache.find(key);
    const ready = found instanceof Promise ? await found : found;
    if (ready) return send(req, res, ready);
    if (found instanceof Promise) return next.handle(); // that render was not one to keep (an error page, say)

    const finish = this.cache.begin(key);
    let sent: string | null = null;
    const original = res.send;
    res.send = function (this: Response, body?: unknown) {
      if (this.statusCode === 200 && typeof body === 'string') sent = body;
      return original.call(this, body);
    } as Response['send'];
    return next.handle().pipe(
      finalize(() => {
        res.send = original;
        finish(sent);
      }),
    );
  }
}

function send(req: Request, res: Response, page: RenderedPage): Observable<undefined> {
  res.status(HttpStatus.OK).type('html').setHeader('ETag', page.etag);
  res.vary('Accept-Encoding');
  // Brotli before gzip whenever the browser takes it, as the compression middleware prefers for a fresh page.
  const accepted = req.acceptsEncodings();
  const encoding = (['br', 'gzip'] as const).find((name) => accepted.includes(name));
  if (encoding) {
    res.setHeader('Content-Encoding', encoding);
    res.send(encodedBody(page, encoding));
  } else res.send(page.body);
  return of(undefined);
}

/** A page heavy enough to keep once rendered (see PageCache): GET only, per session. */
export const CachedPage = () => UseInterceptors(CachedPageInterceptor);
