import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { pickLocalized } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { formatDateTime, formatZone } from '../common/time/format';
import { InvitationsService } from '../meetings/invitations.service';
import { MeetingPollService } from '../meetings/meeting-poll.service';
import { MeetingsService } from '../meetings/meetings.service';
import { DashboardService } from './dashboard.service';
import { PageSession } from './page-session';

/** The secretariat's pages, rendered on the server in the reader's language; sign-in required. */
@ApiExcludeController()
@Controller()
export class WebPagesController {
  constructor(
    private readonly session: PageSession,
    private readonly dashboard: DashboardService,
    private readonly meetings: MeetingsService,
    private readonly poll: MeetingPollService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @Public()
  async home(@Req() req: Request, @Res() res: Response) {
    const context = await this.session.require(req, res);
    if (!context) return;
    const data = await this.dashboard.build(context.language, context.member.timeZone);
    this.session.render(res, context, 'dashboard', t('nav.dashboard', context.language), data);
  }

  @Get('meetings')
  @Public()
  async meetingList(@Req() req: Request, @Res() res: Response) {
    const context = await this.session.require(req, res);
    if (!context) return;
    const page = await this.meetings.list({ limit: 200, offset: 0 });
    this.session.render(res, context, 'meetings', t('nav.meetings', context.language), {
      meetings: page.items.map((m) => ({
        id: m.id,
        title: pickLocalized(m.title, context.language),
        when: m.startsAt ? formatDateTime(m.startsAt, context.member.timeZone, context.language) : '—',
        status: m.status,
      })),
    });
  }

  @Get('meetings/:id')
  @Public()
  async meeting(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const context = await this.session.require(req, res);
    if (!context) return;
    const { language } = context;
    const zone = context.member.timeZone;
    const meeting = await this.meetings.get(id);
    const matrix = await this.poll.matrix(id);
    const people = await this.invitations.list(id);
    const representation = await this.invitations.representation(id);
    const byCountry = [...new Set(people.map((p) => p.countryCode))].sort().map((code) => ({
      code,
      people: people.filter((p) => p.countryCode === code).map((p) => ({ name: p.fullName, response: p.response, attended: p.attended === true })),
    }));
    this.session.render(res, context, 'meeting', pickLocalized(meeting.title, language), {
      title: pickLocalized(meeting.title, language),
      whenReader: meeting.startsAt ? `${formatDateTime(meeting.startsAt, zone, language)} (${formatZone(zone, meeting.startsAt, language)})` : '—',
      whenMeeting: meeting.startsAt && zone !== meeting.timeZone ? `${formatDateTime(meeting.startsAt, meeting.timeZone, language)} (${formatZone(meeting.timeZone, meeting.startsAt, language)})` : null,
      where: [meeting.location?.venue, meeting.location?.city, meeting.location?.countryCode, meeting.onlineUrl].filter(Boolean).join(', '),
      status: meeting.status,
      poll: {
        options: matrix.options.map((o) => ({ label: o.label ?? o.text ?? (o.startsAt ? formatDateTime(o.startsAt, zone, language) : ''), canCome: o.canCome, countries: o.countriesCanCome.join(', ') })),
        rows: matrix.participants.map((p) => ({ name: p.fullName, country: p.countryCode, answers: matrix.options.map((o) => p.answers[o.id] ?? '—') })),
      },
      flags: representation.flags.map((f) => f.countryCode),
      countries: byCountry,
      attendedLabel: t('meeting.attended', language),
    });
  }
}
