import { CachedPage } from './cached-page.interceptor';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { t } from '../common/i18n/messages';
import { DashboardService } from './dashboard.service';
import { PageSession, SecretariatPage } from './page-access';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

/** The secretariat's pages, rendered on the server in the reader's language; sign-in required. */
@ApiExcludeController()
@SecretariatPage()
@Controller()
export class WebPagesController {
  constructor(
    private readonly session: PageSessionService,
    private readonly dashboard: DashboardService,
  ) {}

  @CachedPage()
  @Get()
  async home(@PageSession() context: PageContext, @Res() res: Response) {
    const data = await this.dashboard.build(context.language, context.member.timeZone);
    this.session.render(res, context, 'dashboard', t('nav.dashboard', context.language), data);
  }
}
