import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { t } from '../common/i18n/messages';
import { DashboardService } from './dashboard.service';
import { PageSession } from './page-session';

/** The secretariat's pages, rendered on the server in the reader's language; sign-in required. */
@ApiExcludeController()
@Controller()
export class WebPagesController {
  constructor(
    private readonly session: PageSession,
    private readonly dashboard: DashboardService,
  ) {}

  @Get()
  @Public()
  async home(@Req() req: Request, @Res() res: Response) {
    const context = await this.session.require(req, res);
    if (!context) return;
    const data = await this.dashboard.build(context.language, context.member.timeZone);
    this.session.render(res, context, 'dashboard', t('nav.dashboard', context.language), data);
  }
}
