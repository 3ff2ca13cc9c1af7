import { applyDecorators, Controller, Get, Header, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { languageFromHeader } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { sendDocumentFile } from '../documents/document-download';
import { DocumentLinks } from '../documents/document-links';
import { DocumentsService } from '../documents/documents.service';
import { PageRenderer } from '../pages/page-renderer';
import { isNotFound } from './not-found';

const LinkPage = () =>
  applyDecorators(Public(), Header('Cache-Control', 'no-store'), Header('Referrer-Policy', 'no-referrer'));

/** A document's signed download link from an email: one click, no sign-in, recorded as the member's read. */
@ApiExcludeController()
@Controller('documents/link')
export class DocumentLinkController {
  constructor(
    private readonly links: DocumentLinks,
    private readonly documents: DocumentsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':token')
  @LinkPage()
  async download(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    const language = languageFromHeader(req.headers['accept-language']);
    const claims = this.links.verify(token);
    if (claims === 'expired')
      return this.message(
        res,
        language,
        HttpStatus.GONE,
        t('doc.link.expired', language),
        t('doc.link.expired.lead', language),
      );
    const found =
      claims &&
      (await this.documents
        .download(claims.document, claims.language, undefined, { kind: 'member', memberId: claims.member, via: 'link' })
        .catch((error: unknown) => {
          if (isNotFound(error)) return null;
          throw error;
        }));
    if (!found)
      return this.message(
        res,
        language,
        HttpStatus.NOT_FOUND,
        t('page.notFound', language),
        t('doc.link.notFound.lead', language),
      );
    await sendDocumentFile(res, found);
  }

  private message(res: Response, language: Language, status: number, title: string, lead: string) {
    res.status(status).send(this.pages.render('message', language, title, { lines: [lead] }));
  }
}
