import { Controller, Get, Header, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ActionTokenService } from '../actions/action-token.service';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../common/http/api-error';
import { languageFromHeader } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { sendLetterFile } from './letters.controller';
import { LettersService } from './letters.service';

/** The invitation email's "download your invitation letter": the signed link is the member's proof. */
@ApiExcludeController()
@Controller('letters')
export class LetterLinkController {
  constructor(
    private readonly tokens: ActionTokenService,
    private readonly letters: LettersService,
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
    sendLetterFile(
      res,
      await this.letters.letterFor(subject, member, 'invitation', undefined, language),
      'application/pdf',
    );
  }
}
