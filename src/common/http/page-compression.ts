import compression from 'compression';
import type { RequestHandler } from 'express';

/**
 * Pages travel compressed (brotli or gzip) to browsers that accept it, as every browser does: the meeting page of 500
 * invitees is half a megabyte of HTML, a seventh of that gzipped, which matters on a ministry's line
 * or a phone. Only HTML: downloads (PDF, zip) are compressed already, and API answers stay as they are.
 * A page sent from the PageCache arrives already encoded and is left alone.
 */
export const compressPages: RequestHandler = compression({
  filter: (_req, res) => /^text\/html\b/.test(String(res.getHeader('Content-Type') ?? '')),
});
