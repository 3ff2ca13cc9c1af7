import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { LivenessResponse, ReadinessResponse } from './dto/health.response';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Readiness, as /health/ready: whether this process takes new requests' })
  @ApiResponse({
    status: 200,
    description: 'PostgreSQL and Redis answer and the process is not stopping',
    type: ReadinessResponse,
  })
  @ApiResponse({
    status: 503,
    description: 'PostgreSQL or Redis does not answer, or the process is shutting down',
    type: ReadinessResponse,
  })
  check(@Res({ passthrough: true }) response: Response) {
    return this.ready(response);
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: whether a load balancer should send this process new requests' })
  @ApiResponse({
    status: 200,
    description: 'PostgreSQL and Redis answer and the process is not stopping',
    type: ReadinessResponse,
  })
  @ApiResponse({
    status: 503,
    description: 'PostgreSQL or Redis does not answer, or the process is shutting down (status "shutting_down")',
    type: ReadinessResponse,
  })
  async ready(@Res({ passthrough: true }) response: Response) {
    const report = await this.health.ready();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers (also while it drains); nothing else is checked' })
  @ApiResponse({ status: 200, description: 'The process answers', type: LivenessResponse })
  live() {
    return this.health.live();
  }
}
