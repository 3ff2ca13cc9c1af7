import { Injectable } from '@nestjs/common';
import { JobName } from '../queue/job.types';
import { OnJob } from '../queue/on-job.decorator';
import { PassportsService } from './passports.service';

@Injectable()
export class PassportErasureJob {
  constructor(private readonly passports: PassportsService) {}

  @OnJob({ name: JobName.ErasePassportData })
  async erase(): Promise<{ erased: number }> {
    return { erased: await this.passports.eraseExpired() };
  }
}
