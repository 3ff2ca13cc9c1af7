import type { NextFunction, Request, RequestHandler, Response } from 'express';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses, with 403, a request that may change something. */
export function refuseCrossSiteWrites(siteOrigin: string, what: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (READ_METHODS.has(req.method)) return next();
    const origin = req.header('origin');
    const fetchSite = req.header('sec-fetch-site');
    const sameSite =
      origin !== undefined ? origin === siteOrigin : fetchSite === undefined || fetchSite === 'same-origin';
    if (sameSite) return next();
    res
      .status(403)
      .json({ statusCode: 403, error: 'Forbidden', message: `${what} accepts changes only from ${siteOrigin}` });
  };
}
