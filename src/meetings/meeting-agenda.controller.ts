import { Body, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { AgendaService } from './agenda.service';
import { CreateAgendaItemDto, ReorderAgendaDto, UpdateAgendaItemDto } from './dto/agenda.dto';
import { AgendaItemResponse } from './dto/agenda.response';

/** The meeting's agenda, in order. */
@ApiController('meetings')
export class MeetingAgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Get(':id/agenda')
  @ReadAccess()
  @ApiOperation({ operationId: 'meetingAgenda_list', summary: 'The agenda, in order' })
  @ApiOkResponse({ type: [AgendaItemResponse] })
  @ApiErrors(400, 404)
  listAgenda(@UuidParam() id: string) {
    return this.agenda.list(id);
  }

  @Post(':id/agenda')
  @ApiOperation({ operationId: 'meetingAgenda_create', summary: 'Add an agenda item at the end' })
  @ApiCreatedResponse({ type: AgendaItemResponse })
  @ApiErrors(400, 403, 404)
  addAgenda(@UuidParam() id: string, @Body() dto: CreateAgendaItemDto) {
    return this.agenda.add(id, dto);
  }

  @Put(':id/agenda/order')
  @ApiOperation({ operationId: 'meetingAgenda_reorder', summary: 'Reorder: every agenda item id, in the new order' })
  @ApiOkResponse({ type: [AgendaItemResponse] })
  @ApiErrors(400, 403, 404)
  reorderAgenda(@UuidParam() id: string, @Body() dto: ReorderAgendaDto) {
    return this.agenda.reorder(id, dto);
  }

  @Patch(':id/agenda/:itemId')
  @ApiOperation({ operationId: 'meetingAgenda_update', summary: 'Change an agenda item' })
  @ApiOkResponse({ type: AgendaItemResponse })
  @ApiErrors(400, 403, 404)
  updateAgenda(@UuidParam() id: string, @UuidParam('itemId') itemId: string, @Body() dto: UpdateAgendaItemDto) {
    return this.agenda.update(id, itemId, dto);
  }

  @Delete(':id/agenda/:itemId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'meetingAgenda_delete', summary: 'Remove an agenda item' })
  @ApiErrors(400, 403, 404)
  removeAgenda(@UuidParam() id: string, @UuidParam('itemId') itemId: string) {
    return this.agenda.remove(id, itemId);
  }
}
