import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { requestContext } from '../request-context';
import { redactPath } from '../logging/redact';

const INCOMING_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Gives each request an id (or keeps a sane incoming X-Request-Id), echoes it, and logs one line per request. */
@Injectable()
export class RequestLoggingMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  /** logsRequests: false where the log level leaves out the request lines, which then cost nothing per request. */
  constructor(private readonly logsRequests = true) {}

  use(req: Request, res: Response, next: NextFunction) {
    const incoming = req.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    if (this.logsRequests) {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        // The id is given with the line: the request's context is not current when the response has finished.
        this.logger.log({
          requestId,
          msg: 'request',
          method: req.method,
          path: redactPath(req.originalUrl),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        });
      });
    }
    requestContext.run({ requestId }, () => next());
  }
}
