import { Body, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors, ApiPage } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { CreateOrganizationDto, OrganizationQuery, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationResponse } from './dto/organization.response';
import { OrganizationsService } from './organizations.service';

@ApiController('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @ApiOperation({ summary: 'Add an organisation (ministry, institution, IFI, project…)' })
  @ApiCreatedResponse({ type: OrganizationResponse })
  @ApiErrors(400, 403, 413)
  create(@Body() dto: CreateOrganizationDto) {
    return this.organizations.create(dto);
  }

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'List organisations' })
  @ApiPage(OrganizationResponse)
  @ApiErrors(400)
  list(@Query() query: OrganizationQuery) {
    return this.organizations.list(query);
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One organisation' })
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string) {
    return this.organizations.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an organisation (names, kind, country, focal points)' })
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiErrors(400, 403, 404, 413)
  update(@UuidParam() id: string, @Body() dto: UpdateOrganizationDto) {
    return this.organizations.update(id, dto);
  }
}
