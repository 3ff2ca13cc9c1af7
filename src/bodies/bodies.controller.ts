import { Body as RequestBody, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy } from '../auth/access-policy';
import { ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors, ApiPage } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { BodiesService } from './bodies.service';
import { Body } from './body.entity';
import { ContinuityReportService } from './continuity-report.service';
import { BodyQuery, CreateBodyDto, UpdateBodyDto } from './dto/body.dto';
import { ContinuityQuery } from './dto/continuity-query.dto';
import { ContinuityReportResponse } from './dto/continuity-report.response';
import { CreateMembershipDto, MembershipQuery, ReplaceSeatHolderDto, UpdateMembershipDto } from './dto/membership.dto';
import { SeatHandoverResponse } from './dto/seat-handover.response';
import { Membership } from './membership.entity';
import { MembershipsService } from './memberships.service';

@ApiController('bodies')
export class BodiesController {
  constructor(
    private readonly bodies: BodiesService,
    private readonly memberships: MembershipsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Add a body (the Working Group, its Steering Committee, a task force)' })
  @ApiCreatedResponse({ type: Body })
  @ApiErrors(400, 403, 409, 413)
  create(@RequestBody() dto: CreateBodyDto) {
    return this.bodies.create(dto);
  }

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'List bodies' })
  @ApiPage(Body)
  @ApiErrors(400)
  list(@Query() query: BodyQuery) {
    return this.bodies.list(query);
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One body' })
  @ApiOkResponse({ type: Body })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string) {
    return this.bodies.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a body' })
  @ApiOkResponse({ type: Body })
  @ApiErrors(400, 403, 404, 409, 413)
  update(@UuidParam() id: string, @RequestBody() dto: UpdateBodyDto) {
    return this.bodies.update(id, dto);
  }

  @Post(':id/memberships')
  @ApiOperation({
    operationId: 'bodyMemberships_create',
    summary: "Add a member's term in the body; overlapping terms of one member are refused (409)",
  })
  @ApiCreatedResponse({ type: Membership })
  @ApiErrors(400, 403, 404, 409, 413)
  addMembership(@UuidParam() id: string, @RequestBody() dto: CreateMembershipDto) {
    return this.memberships.create(id, dto);
  }

  @Get(':id/memberships')
  @ReadAccess()
  @ApiOperation({
    operationId: 'bodyMemberships_list',
    summary: 'Terms in the body; with ?at=YYYY-MM-DD the composition on that day',
    description:
      'A member token reads the terms of the bodies it serves in, their holders as cards; other bodies are 404.',
  })
  @ApiPage(Membership)
  @ApiErrors(400, 404)
  listMemberships(@UuidParam() id: string, @Query() query: MembershipQuery) {
    return this.memberships.list(id, query);
  }

  @Get(':id/memberships/:membershipId')
  @ReadAccess()
  @ApiOperation({ operationId: 'bodyMemberships_get', summary: 'One term' })
  @ApiOkResponse({ type: Membership })
  @ApiErrors(400, 404)
  getMembership(@UuidParam() id: string, @UuidParam('membershipId') membershipId: string) {
    return this.memberships.get(id, membershipId);
  }

  @Patch(':id/memberships/:membershipId')
  @ApiOperation({
    operationId: 'bodyMemberships_update',
    summary: 'Change a term (end it by setting endDate, change role or seat)',
  })
  @ApiOkResponse({ type: Membership })
  @ApiErrors(400, 403, 404, 409, 413)
  updateMembership(
    @UuidParam() id: string,
    @UuidParam('membershipId') membershipId: string,
    @RequestBody() dto: UpdateMembershipDto,
  ) {
    return this.memberships.update(id, membershipId, dto);
  }

  @Post(':id/memberships/:membershipId/replace')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'bodyMemberships_replace',
    summary: "Give a term's seat to another member: the term ends the day before startDate, the new one starts then",
  })
  @ApiOkResponse({ type: SeatHandoverResponse })
  @ApiErrors(400, 403, 404, 409, 413)
  replaceHolder(
    @UuidParam() id: string,
    @UuidParam('membershipId') membershipId: string,
    @RequestBody() dto: ReplaceSeatHolderDto,
  ) {
    return this.memberships.replaceHolder(id, membershipId, dto);
  }
}

@ApiController('reports')
export class ReportsController {
  constructor(
    private readonly continuity: ContinuityReportService,
    private readonly access: AccessPolicy,
  ) {}

  @Get('continuity')
  @ReadAccess()
  @ApiOperation({
    operationId: 'continuityReports_get',
    summary:
      'Per seat: who holds it, since when, how many people held it in the period; flags seats held under two years or empty',
  })
  @ApiOkResponse({ type: ContinuityReportResponse })
  @ApiErrors(400, 404)
  async continuityReport(@Query() query: ContinuityQuery) {
    await this.access.assertBodyVisible(query.bodyId);
    return this.continuity.build(query.bodyId, query.years, query.at);
  }
}
