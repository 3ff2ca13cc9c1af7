import { Injectable } from '@nestjs/common';
import { JobName } from '../queue/job.types';
import { OnJob } from '../queue/on-job.decorator';
import { SecretariatDigestPlanner } from './secretariat-digest.planner';

@Injectable()
export class SecretariatDigestJob {
  constructor(private readonly planner: SecretariatDigestPlanner) {}

  @OnJob({ name: JobName.PlanSecretariatDigest })
  planThisWeek(): Promise<{ planned: number }> {
    return this.planner.planWeek();
  }
}
