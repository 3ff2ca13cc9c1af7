import { DiscoveryService } from '@nestjs/core';
import type { JobHandler, JobName } from './job.types';

export const OnJobMetadata = DiscoveryService.createDecorator<{ name: JobName }>();

export function OnJob<N extends JobName>(options: { name: N }) {
  return <M extends JobHandler<N>>(
    target: object,
    method: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    OnJobMetadata(options)(target, method, descriptor);
  };
}
