import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../../config/app-config';

/** Our own pages: no inline script or style, forms post only here, never framed. */
const STRICT = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

/** The documentation and queue dashboards ship inline scripts and styles of their own. */
const TOOLS = {
  ...STRICT,
  scriptSrc: ["'self'", "'unsafe-inline'"],
  styleSrc: ["'self'", "'unsafe-inline'", 'https:'],
  imgSrc: ["'self'", 'data:', 'https:'],
};

export function applySecurityHeaders(app: INestApplication, config: AppConfig): void {
  const https = config.appUrl.startsWith('https:');
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...STRICT, ...(https ? { upgradeInsecureRequests: [] } : {}) },
    },
    hsts: https,
  });
  const tools = helmet({ contentSecurityPolicy: { useDefaults: false, directives: TOOLS }, hsts: https });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const toolPage = req.path.startsWith('/api/docs') || req.path.startsWith('/admin/queues');
    return (toolPage ? tools : strict)(req, res, next);
  });
}
