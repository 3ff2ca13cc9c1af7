import { Controller, Get, HttpStatus, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { t } from '../common/i18n/messages';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { BodyOverviewService } from './body-overview.service';
import { isNotFound } from './not-found';
import { PageSession } from './page-session';

/** The secretariat's pages about bodies: the list, and one body's composition and continuity on any day. */
@ApiExcludeController()
@UseFilters(MalformedPageIdFilter)
@Controller('bodies')
export class BodyPagesController {
  constructor(
    private readonly session: PageSession,
    private readonly overview: BodyOverviewService,
  ) {}

  @Get()
  @Public()
  async list(@Req() req: Request, @Res() res: Response) {
    const context = await this.session.require(req, res);
    if (!context) return;
    this.session.render(res, context, 'bodies', t('bodies.title', context.language), { bodies: await this.overview.list(context.language) });
  }

  @Get(':id')
  @Public()
  async show(@PageIdParam() id: string, @Query('at') at: unknown, @Req() req: Request, @Res() res: Response) {
    const context = await this.session.require(req, res);
    if (!context) return;
    try {
      const body = await this.overview.overview(id, at, context.language);
      res.status(body.status);
      this.session.render(res, context, 'body', body.name, { ...body, id });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.session.message(res, context, HttpStatus.NOT_FOUND, t('bodies.notFound', context.language), [t('bodies.notFound.lead', context.language)]);
    }
  }
}
