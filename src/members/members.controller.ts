import { Body, Get, Header, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AllowRoles, ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { JSON_CONTENT_TYPE } from '../common/http/json-text';
import { ApiErrors, ApiPage } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { CreateMemberDto, MemberQuery, UpdateMemberDto } from './dto/member.dto';
import { Member } from './member.entity';
import { MembersService } from './members.service';

@ApiController('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @ApiOperation({ summary: 'Add a member; the email must be unique whatever its case (409)' })
  @ApiCreatedResponse({ type: Member })
  @ApiErrors(400, 403, 409, 413)
  create(@Body() dto: CreateMemberDto) {
    return this.members.create(dto);
  }

  @Get()
  @ReadAccess()
  @ApiOperation({
    summary: 'List members, with filters',
    description:
      'A member token sees the cards (name, country, organisation, roles) of those serving with it today in its bodies; q then searches names and organisations only.',
  })
  @ApiPage(Member)
  @ApiErrors(400)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  list(@Query() query: MemberQuery) {
    return this.members.readList(query);
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({
    summary: 'One member',
    description: 'A member token reads its own record in full and the card of a co-member; anyone else is 404.',
  })
  @ApiOkResponse({ type: Member })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string) {
    return this.members.read(id);
  }

  @Patch(':id')
  @AllowRoles('secretariat', 'member')
  @ApiOperation({
    summary:
      'Change a member; {"active": false} deactivates and keeps all history. Members: their own language, timeZone and digest',
  })
  @ApiOkResponse({ type: Member })
  @ApiErrors(400, 403, 404, 409, 413)
  update(@UuidParam() id: string, @Body() dto: UpdateMemberDto) {
    return this.members.update(id, dto);
  }
}
