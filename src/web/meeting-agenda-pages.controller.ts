import { Body as FormBodyParam, Controller, HttpStatus, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ApiError } from '../common/http/api-error';
import { t } from '../common/i18n/messages';
import type { Response } from 'express';
import { AgendaService } from '../meetings/agenda.service';
import { CreateAgendaItemDto, ReorderAgendaDto } from '../meetings/dto/agenda.dto';
import { ApproveMinutesDto, PutMinutesDto } from '../meetings/dto/minutes.dto';
import { MinutesService } from '../meetings/minutes.service';
import { agendaInput, approveInput, minutesInput } from './meeting-form-values';
import type { FormBody } from './meeting-form-values';
import { MeetingPageSteps, uuidField } from './meeting-page-steps';
import { PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import type { PageContext } from './page-session.service';

/** The agenda and minutes forms on a meeting page. */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('meetings')
export class MeetingAgendaPagesController {
  constructor(
    private readonly steps: MeetingPageSteps,
    private readonly agenda: AgendaService,
    private readonly minutes: MinutesService,
  ) {}

  @Post(':id/agenda')
  addAgenda(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'agenda', async () => {
      await this.agenda.add(id, await this.steps.valid(CreateAgendaItemDto, agendaInput(body)));
      return { done: 'agenda_added' };
    });
  }

  @Post(':id/agenda/order')
  reorderAgenda(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'agenda', async () => {
      const order = typeof body.order === 'string' ? body.order.split(',') : body.order;
      await this.agenda.reorder(id, await this.steps.valid(ReorderAgendaDto, { order }));
      return { done: 'agenda_moved' };
    });
  }

  @Post(':id/agenda/remove')
  removeAgenda(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'agenda', async () => {
      await this.agenda.remove(id, uuidField(body, 'itemId'));
      return { done: 'agenda_removed' };
    });
  }

  @Post(':id/minutes')
  writeMinutes(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'minutes', async () => {
      await this.minutes.put(id, await this.steps.valid(PutMinutesDto, minutesInput(body)));
      return { done: 'minutes_saved' };
    });
  }

  @Post(':id/minutes/approve')
  approveMinutes(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'approve', async () => {
      const input = approveInput(body);
      const plan = input.newWorkPlan as { title?: unknown; period?: unknown } | undefined;
      // A new plan needs both boxes: said with the form's own labels rather than the API's field names.
      if (plan && !plan.title)
        throw ApiError.field(
          HttpStatus.BAD_REQUEST,
          'newWorkPlan.title',
          t('minutes.plan.title.required', context.language),
        );
      if (plan && !plan.period)
        throw ApiError.field(
          HttpStatus.BAD_REQUEST,
          'newWorkPlan.period',
          t('minutes.plan.period.required', context.language),
        );
      await this.minutes.approve(id, await this.steps.valid(ApproveMinutesDto, input), context.language);
      return { done: 'minutes_approved' };
    });
  }
}
