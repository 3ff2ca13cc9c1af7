import { Controller, Get, HttpStatus, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { t } from '../common/i18n/messages';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { BodyOverviewService } from './body-overview.service';
import { isNotFound } from './not-found';
import { PageSession, SecretariatPage } from './page-access';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

/** The secretariat's pages about bodies: the list, and one body's composition and continuity on any day. */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('bodies')
export class BodyPagesController {
  constructor(
    private readonly session: PageSessionService,
    private readonly overview: BodyOverviewService,
  ) {}

  @Get()
  async list(@PageSession() context: PageContext, @Res() res: Response) {
    this.session.render(res, context, 'bodies', t('bodies.title', context.language), {
      bodies: await this.overview.list(context.language),
    });
  }

  @Get(':id')
  async show(
    @PageIdParam() id: string,
    @Query('at') at: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    try {
      const body = await this.overview.overview(id, at, context.language);
      res.status(body.status);
      this.session.render(res, context, 'body', body.name, { ...body, id });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.session.message(res, context, HttpStatus.NOT_FOUND, t('bodies.notFound', context.language), [
        t('bodies.notFound.lead', context.language),
      ]);
    }
  }
}
