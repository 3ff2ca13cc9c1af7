import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import type { Response } from 'express';
import { isUUID } from 'class-validator';
import { ApiError } from '../common/http/api-error';
import { t } from '../common/i18n/messages';
import { MeetingsService } from '../meetings/meetings.service';
import { problemsOf, validateForm } from './forms';
import type { FormBody } from './meeting-form-values';
import { MeetingPagesService } from './meeting-pages.service';
import type { FailedForm } from './meeting-pages.service';
import { isNotFound } from './not-found';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';
import { SubstituteProposalPagesService } from './substitute-proposal-pages.service';
import { DocumentPagesService } from './document-pages.service';

/** A step's outcome: the success sentence to show after the redirect, with its counts. */
export type Done = { done: string; counts?: Record<string, number> };

/** A form value that must name a record: anything else is refused as the API refuses a bad path parameter. */
export function uuidField(body: FormBody, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || !isUUID(value)) throw ApiError.field(HttpStatus.BAD_REQUEST, name, 'must be a UUID');
  return value;
}

@Injectable()
export class MeetingPageSteps {
  constructor(
    private readonly session: PageSessionService,
    private readonly pages: MeetingPagesService,
    private readonly meetings: MeetingsService,
    private readonly proposalPages: SubstituteProposalPagesService,
    private readonly documentPages: DocumentPagesService,
  ) {}

  async step(
    res: Response,
    context: PageContext,
    id: string,
    body: FormBody,
    form: string,
    run: (meetingZone: string) => Promise<Done>,
  ) {
    const meeting = await this.found(res, context, () => this.meetings.get(id));
    if (!meeting) return;
    try {
      const { done, counts } = await run(meeting.timeZone);
      const query = new URLSearchParams({
        done,
        ...Object.fromEntries(Object.entries(counts ?? {}).map(([k, v]) => [k, String(v)])),
      });
      res.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}?${query.toString()}#${form}`);
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      if (error instanceof ApiError && error.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      res.status((error as HttpException).getStatus());
      await this.renderMeeting(res, context, id, {}, { form, values: body, problems });
    }
  }

  /** The form checked against the API's DTO; a refusal names the fields. */
  async valid<T extends object>(dto: Type<T>, input: FormBody): Promise<T> {
    const result = await validateForm(dto, input);
    if (!result.ok) throw new ApiError(HttpStatus.BAD_REQUEST, result.problems);
    return result.value;
  }

  async found<T>(res: Response, context: PageContext, load: () => Promise<T>): Promise<T | null> {
    try {
      return await load();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.session.message(res, context, HttpStatus.NOT_FOUND, t('mp.notFound', context.language), [
        t('mp.notFound.lead', context.language),
      ]);
      return null;
    }
  }

  async renderMeeting(
    res: Response,
    context: PageContext,
    id: string,
    query: Record<string, unknown>,
    failed?: FailedForm,
  ) {
    const { language } = context;
    const data = await this.found(res, context, () =>
      this.pages.meeting(id, language, context.member.timeZone, failed),
    );
    if (!data) return;
    this.session.render(res, context, 'meeting', data.title, {
      ...data,
      substituteProposals: await this.proposalPages.section(id, language, context.member.timeZone, failed),
      documents: await this.documentPages.meetingSection(id, language, failed),
      done:
        this.pages.doneSentence(query, language) ??
        this.proposalPages.doneSentence(query, language) ??
        this.documentPages.doneSentence(query, language),
      csrf: context.csrf,
    });
  }
}
