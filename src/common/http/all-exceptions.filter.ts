import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { ApiError, ApiErrorBody, reasonPhrase } from './api-error';

/** Postgres error codes that are the client's doing, and what to tell them. */
const CLIENT_DB_ERRORS: Record<string, { status: number; message: string }> = {
  '23505': { status: 409, message: 'This value is already used by another record' },
  '23503': { status: 409, message: 'This record refers to, or is referred to by, another record' },
  '23502': { status: 400, message: 'A required value is missing' },
  '23P01': { status: 409, message: 'This overlaps with another record' },
  // A NUL character: 22021 in text columns, 22P05 (untranslatable character) in JSON ones.
  '22021': { status: 400, message: 'A text contains a character that cannot be stored' },
  '22P05': { status: 400, message: 'A text contains a character that cannot be stored' },
  '22P02': { status: 400, message: 'A value has the wrong format' },
  '22001': { status: 400, message: 'A value is too long' },
  '22003': { status: 400, message: 'A number is out of range' },
  '22007': { status: 400, message: 'A date or time has the wrong format' },
  '22008': { status: 400, message: 'A date or time is out of range' },
};

const BODY_PARSER_ERRORS: Record<string, { status: number; message: string }> = {
  'entity.too.large': { status: 413, message: 'The request body is larger than the limit of 1 MB' },
  'entity.parse.failed': { status: 400, message: 'The request body is not valid JSON' },
  'encoding.unsupported': { status: 415, message: 'The request body has an unsupported character encoding' },
  'charset.unsupported': { status: 415, message: 'The request body has an unsupported character set' },
  'request.aborted': { status: 400, message: 'The request was aborted' },
};

/** Answers an address no route knows with the site's HTML 404 page. */
export type NotFoundPage = (req: Request, res: Response) => Promise<void>;

/** An address no route knows: Nest's own 404 says "Cannot GET /path". */
function isUnknownRoute(exception: unknown, req: Request): boolean {
  return (
    exception instanceof NotFoundException &&
    /^Cannot [A-Z]+ /.test(exception.message) &&
    !/^\/api(\/|$)/.test(req.path)
  );
}

/** Every error leaves as the documented JSON shape; nothing internal (SQL, stack) reaches the client. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly notFoundPage?: NotFoundPage) {}

  async catch(exception: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (this.notFoundPage && !response.headersSent && isUnknownRoute(exception, request))
      return this.notFoundPage(request, response);
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception : String(exception));
    }
    if (response.headersSent) return;
    if (exception instanceof ApiError && exception.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'object' && raw !== null && 'statusCode' in raw && 'message' in raw) {
        const shaped = raw as ApiErrorBody;
        return { ...shaped, error: shaped.error ?? reasonPhrase(status) };
      }
      const message = typeof raw === 'string' ? raw : ((raw as { message?: string }).message ?? exception.message);
      return { statusCode: status, error: reasonPhrase(status), message: String(message) };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code ?? '';
      const known = CLIENT_DB_ERRORS[code];
      if (known) return { statusCode: known.status, error: reasonPhrase(known.status), message: known.message };
    }
    const parserType = (exception as { type?: unknown } | null)?.type;
    if (typeof parserType === 'string' && BODY_PARSER_ERRORS[parserType]) {
      const known = BODY_PARSER_ERRORS[parserType];
      return { statusCode: known.status, error: reasonPhrase(known.status), message: known.message };
    }
    return { statusCode: 500, error: reasonPhrase(500), message: 'An unexpected error occurred; it has been logged' };
  }
}
