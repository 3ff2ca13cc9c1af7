import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { ApiTokensService } from '../auth/api-tokens.service';
import { AuthFailureLimiter } from '../auth/auth-failure-limiter';
import { refuseCrossSiteWrites } from '../common/http/same-origin';
import { sameSecret } from '../auth/token-hash';
import type { AppConfig } from '../config/app-config';
import { QUEUES } from '../queue/queue-names';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

export function mountQueueDashboard(app: INestApplication, config: AppConfig): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  const queues = Object.values(QUEUES).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name))));
  createBullBoard({ queues, serverAdapter, options: { uiConfig: { boardTitle: 'wg-secretariat queues' } } });
  const tokens = app.get(ApiTokensService);
  const failures = app.get(AuthFailureLimiter);

  const guard = async (req: Request, res: Response, next: NextFunction) => {
    const refused = failures.waitFor(req.ip);
    if (refused !== null) return tooMany(res, refused);
    const header = req.header('authorization') ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const basic = /^Basic\s+(\S+)$/i.exec(header)?.[1];
    const secret =
      bearer ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : undefined);
    if (secret) {
      if (sameSecret(secret, config.adminToken)) return next();
      // undefined: PostgreSQL did not answer, which is no failure of the client's.
      const token = await tokens.findActive(secret).catch(() => undefined);
      if (token?.role === 'secretariat') return next();
      if (token === null) {
        const wait = await failures.failed(req.ip);
        if (wait !== null) return tooMany(res, wait);
      }
    }
    res.setHeader('WWW-Authenticate', 'Basic realm="wg-secretariat queues", charset="UTF-8"');
    res.status(401).json({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'The queue dashboard needs a secretariat token (as the password, or as a bearer token)',
    });
  };
  app.use(
    QUEUE_DASHBOARD_PATH,
    refuseCrossSiteWrites(new URL(config.appUrl).origin, 'The queue dashboard'),
    guard,
    serverAdapter.getRouter(),
  );
}

function tooMany(res: Response, wait: number) {
  res.setHeader('Retry-After', String(wait));
  res.status(429).json({ statusCode: 429, error: 'Too Many Requests', message: AuthFailureLimiter.message(wait) });
}
