import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/** How long an API process stopped by a signal goes on serving before it closes its HTTP server. */
export const SHUTDOWN_DRAIN_MS = 1500;

/**
 * On SIGTERM, Node's server.close() also drops the connections whose request it has not read yet
 * (a busy process reads them late): their clients see a reset although they sent the request before
 * the signal. Serving on for a moment first lets those requests start; they then complete before the
 * server closes, while the database is still open. A programmatic close (tests) does not wait.
 */
@Injectable()
export class ShutdownDrain implements BeforeApplicationShutdown {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async beforeApplicationShutdown(signal?: string) {
    if (!signal || !this.adapterHost.httpAdapter) return;
    await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DRAIN_MS));
  }
}
