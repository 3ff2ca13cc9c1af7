import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiPage } from '../common/http/openapi';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';
import { AuditQuery } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('api/audit')
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
