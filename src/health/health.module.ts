import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { ShutdownDrain } from './shutdown-drain';

@Module({ controllers: [HealthController], providers: [HealthService, ShutdownDrain] })
export class HealthModule {}
