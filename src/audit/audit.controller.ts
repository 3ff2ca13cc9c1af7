import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors, ApiPage } from '../common/http/openapi';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';
import { AuditQuery } from './dto/audit-query.dto';

@ApiController('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Changes made through the API, newest first' })
  @ApiPage(AuditEntry)
  @ApiErrors(400)
  list(@Query() query: AuditQuery) {
    return this.audit.list(query);
  }
}
