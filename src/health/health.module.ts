import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';
import { HealthService } from './health.service';
import { ShutdownDrain } from './shutdown-drain';

@Module({ controllers: [HealthController], providers: [HealthService, HealthRepository, ShutdownDrain] })
export class HealthModule {}
