import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers } from '../notifications/job-handlers';
import { SecretariatDigestPlanner } from './secretariat-digest.planner';

export const SECRETARIAT_DIGEST_JOB = 'secretariat-digest';

/** The weekly scheduled job: plans this week's secretariat digests, which the delivery jobs then send. */
@Injectable()
export class SecretariatDigestJob implements OnModuleInit {
  constructor(
    private readonly planner: SecretariatDigestPlanner,
    private readonly jobs: JobHandlers,
  ) {}

  onModuleInit() {
    this.jobs.register(SECRETARIAT_DIGEST_JOB, () => this.planThisWeek());
  }

  planThisWeek(): Promise<{ planned: number }> {
    return this.planner.planWeek();
  }
}
