import { DiscoveryService } from '@nestjs/core';
import type { JobHandler, JobName } from './job.types';

/** Discoverable metadata of a job handler method; read by `JobHandlerRegistry` at start-up. */
export const OnJobMetadata = DiscoveryService.createDecorator<{ name: JobName }>();

/**
 * Marks a provider's method as the handler of one job. The method's parameter is checked against
 * the data the job carries; exactly one handler per job name, checked when the workers start.
 */
export function OnJob<N extends JobName>(options: { name: N }) {
  return <M extends JobHandler<N>>(
    target: object,
    method: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    OnJobMetadata(options)(target, method, descriptor);
  };
}
