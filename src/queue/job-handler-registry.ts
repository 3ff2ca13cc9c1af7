import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { exactlyOneEach } from '../common/discovery/exactly-one';
import { JOB_NAMES, JobHandlers, JobItem, JobName } from './job.types';
import { OnJobMetadata } from './on-job.decorator';

@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private handlers?: JobHandlers;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit() {
    this.handlers = this.discover();
  }

  run<N extends JobName>(job: JobItem<N>): Promise<unknown> {
    if (!this.handlers) throw new Error('the job handlers are not discovered yet');
    return this.handlers[job.name](job.data);
  }

  private discover(): JobHandlers {
    const found = new Map<JobName, { handler: (data: unknown) => Promise<unknown>; where: string }[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      // Request-scoped providers have no instance at start-up; a job has no request to scope to.
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const options = this.discovery.getMetadataByDecorator(OnJobMetadata, wrapper, method);
        if (!options) continue;
        const handler = (instance as Record<string, (data: unknown) => Promise<unknown>>)[method].bind(instance);
        found.set(options.name, [
          ...(found.get(options.name) ?? []),
          { handler, where: `${instance.constructor.name}.${method}` },
        ]);
      }
    }
    const where = new Map([...found].map(([name, handlers]) => [name, handlers.map((h) => h.where)]));
    const problems = exactlyOneEach(JOB_NAMES, where, { thing: 'job', implementation: 'handler' });
    if (problems.length > 0)
      throw new Error(
        `the queue workers cannot start: ${problems.join('; ')} (declare exactly one @OnJob({ name }) per job)`,
      );
    return Object.fromEntries(JOB_NAMES.map((name) => [name, found.get(name)![0].handler])) as JobHandlers;
  }
}
