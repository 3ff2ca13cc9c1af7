import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/** How long an API process stopped by a signal goes on serving before it closes its HTTP server. */
export const SHUTDOWN_DRAIN_MS = 1500;

/** The signals Nest's shutdown hooks stop the process on that an orchestrator or a terminal sends. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/** On SIGTERM, Node's server.close() also drops the connections whose request it has not read yet. */
@Injectable()
export class ShutdownDrain implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private drainingSince: Date | null = null;
  private readonly markDraining = () => {
    this.drainingSince ??= new Date();
  };

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  get since(): Date | null {
    return this.drainingSince;
  }

  onApplicationBootstrap() {
    for (const signal of STOP_SIGNALS) process.on(signal, this.markDraining);
  }

  async beforeApplicationShutdown(signal?: string) {
    if (!signal || !this.adapterHost.httpAdapter) return;
    this.markDraining();
    await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DRAIN_MS));
  }

  onApplicationShutdown() {
    for (const signal of STOP_SIGNALS) process.removeListener(signal, this.markDraining);
  }
}
