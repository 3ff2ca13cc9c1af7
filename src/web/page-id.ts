import { Catch, HttpStatus, Injectable, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { t } from '../common/i18n/messages';
import { pageContextOf } from './page-access';
import { PageSessionService } from './page-session.service';

/** A page address whose record id is malformed (/members/abc): it names nothing, like an unknown id. */
export class MalformedPageId extends NotFoundException {}

/** A record id in a page address; a malformed one gets the 404 page rather than the API's JSON 400. */
export function PageIdParam(name = 'id', optional = false): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({ version: undefined, optional, exceptionFactory: () => new MalformedPageId() }),
  );
}

/** Answers a malformed id with the 404 page in the reader's language. */
@Catch(MalformedPageId)
@Injectable()
export class MalformedPageIdFilter implements ExceptionFilter {
  constructor(private readonly session: PageSessionService) {}

  async catch(_exception: MalformedPageId, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    try {
      const context = pageContextOf(req) ?? (await this.session.require(req, res, false));
      if (!context) return;
      this.session.message(res, context, HttpStatus.NOT_FOUND, t('page.notFound', context.language), [
        t('page.notFound.lead', context.language),
      ]);
    } catch {
      if (!res.headersSent) res.status(HttpStatus.NOT_FOUND).end();
    }
  }
}
