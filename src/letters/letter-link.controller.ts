import { Controller, Get, Header, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ActionTokenService } from '../actions/action-token.service';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../common/http/api-error';
import { languageFromHeader } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { PageRenderer } from '../pages/page-renderer';
import { sendLetterFile } from './letters.controller';
import { LettersService } from './letters.service';

/** The invitation email's "download your invitation letter": the signed link is the member's proof. */
@ApiExcludeController()
@Controller('letters')
export class LetterLinkController {
  constructor(
    private readonly tokens: ActionTokenService,
    private readonly letters: LettersService,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':token')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async download(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    const verified = this.tokens.verify(token);
    const language = languageFromHeader(req.header('accept-language'));
    if (!verified.ok || verified.claims.kind !== 'letter.invitation') {
      const expired = !verified.ok && verified.reason === 'expired';
      throw ApiError.field(
        expired ? HttpStatus.GONE : HttpStatus.BAD_REQUEST,
        'token',
        t(expired ? 'page.error.expired' : 'page.error.invalid', language),
      );
    }
    const { member, subject } = verified.claims;
    // Declined, or sent a substitute: the letter is gone, and a page in the member's language says why.
    const none = await this.letters.noLetter(subject, member);
    if (none) {
      res
        .status(HttpStatus.GONE)
        .type('html')
        .send(this.pages.render('message', none.language, none.title, { lines: [none.lead] }));
      return;
    }
    sendLetterFile(
      res,
      await this.letters.letterFor(subject, member, 'invitation', undefined, language),
      'application/pdf',
    );
  }
}
