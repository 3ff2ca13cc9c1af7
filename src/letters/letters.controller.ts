import { Body, Delete, Get, Headers, HttpCode, Put, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { AllowRoles } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { languageFromHeader } from '../common/i18n/languages';
import { UuidParam } from '../common/validation/params';
import { LetterBundleQueryDto, LetterQueryDto } from './dto/letter-query.dto';
import { LetterCoverageDto, LetterCoverageResponse } from './dto/letter-settings.dto';
import { PassportDto, PassportResponse } from './dto/passport.dto';
import { LetterSettingsService } from './letter-settings.service';
import type { LetterFile } from './letters.service';
import { LettersService } from './letters.service';
import { PassportsService } from './passports.service';

function setLetterHeaders(res: Response, filename: string, type: string): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
}

export function sendLetterFile(res: Response, file: LetterFile, type: string): void {
  setLetterHeaders(res, file.filename, type);
  res.send(file.pdf);
}

/** Invitation and visa support letters, what they promise, and the passport details they name. */
@ApiController('meetings', 'letters')
export class LettersController {
  constructor(
    private readonly letters: LettersService,
    private readonly passports: PassportsService,
    private readonly settings: LetterSettingsService,
  ) {}

  @Get(':id/letters')
  @ApiOperation({
    operationId: 'letters_all',
    summary: "Every expected participant's invitation letter, as one PDF or a zip of PDFs",
  })
  @ApiProduces('application/pdf', 'application/zip')
  @ApiOkResponse({ description: 'The merged PDF or the zip', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 403, 404)
  async all(@UuidParam() id: string, @Query() query: LetterBundleQueryDto, @Res() res: Response) {
    if (query.format === 'zip') {
      const { filename, stream } = await this.letters.zipStream(id);
      setLetterHeaders(res, filename, 'application/zip');
      // A letter failing halfway can only cut the download short: the headers are already sent.
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } else sendLetterFile(res, await this.letters.mergedPdf(id), 'application/pdf');
  }

  @Get(':id/letters/:memberId')
  @AllowRoles('secretariat', 'member')
  @ApiOperation({
    operationId: 'letters_one',
    summary: "One participant's invitation letter, or (kind=visa) their visa support letter",
    description:
      "In the member's language unless ?language= says otherwise. A visa letter needs the passport details: without them 400 naming the missing fields. Not invited: 404.",
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The letter', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 403, 404)
  async one(
    @UuidParam() id: string,
    @UuidParam('memberId') memberId: string,
    @Query() query: LetterQueryDto,
    @Res() res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const file = await this.letters.letter(
      id,
      memberId,
      query.kind ?? 'invitation',
      query.language,
      languageFromHeader(acceptLanguage),
    );
    sendLetterFile(res, file, 'application/pdf');
  }

  @Get(':id/letters/:memberId/coverage')
  @ApiOperation({ operationId: 'letters_coverage', summary: 'Whether travel and accommodation are covered' })
  @ApiOkResponse({ type: LetterCoverageResponse })
  @ApiErrors(400, 403, 404)
  coverage(@UuidParam() id: string, @UuidParam('memberId') memberId: string) {
    return this.settings.coverage(id, memberId);
  }

  @Put(':id/letters/:memberId/coverage')
  @ApiOperation({ operationId: 'letters_setCoverage', summary: 'Tick whether travel and accommodation are covered' })
  @ApiOkResponse({ type: LetterCoverageResponse })
  @ApiErrors(400, 403, 404)
  setCoverage(@UuidParam() id: string, @UuidParam('memberId') memberId: string, @Body() dto: LetterCoverageDto) {
    return this.settings.setCoverage(id, memberId, dto);
  }

  @Get(':id/passports/:memberId')
  @AllowRoles('secretariat', 'member')
  @ApiOperation({
    operationId: 'passports_get',
    summary: 'Passport details for the visa letter (the member themself or the secretariat only)',
  })
  @ApiOkResponse({ type: PassportResponse })
  @ApiErrors(400, 403, 404)
  passport(@UuidParam() id: string, @UuidParam('memberId') memberId: string) {
    return this.passports.get(id, memberId);
  }

  @Put(':id/passports/:memberId')
  @AllowRoles('secretariat', 'member')
  @ApiOperation({
    operationId: 'passports_save',
    summary: 'Give passport details for the visa letter',
    description:
      'Erased PASSPORT_DATA_RETENTION_DAYS after the meeting. A passport number over 20 characters or with control characters: 400.',
  })
  @ApiOkResponse({ type: PassportResponse })
  @ApiErrors(400, 403, 404)
  savePassport(
    @UuidParam() id: string,
    @UuidParam('memberId') memberId: string,
    @Body() dto: PassportDto,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return this.passports.save(id, memberId, dto, languageFromHeader(acceptLanguage));
  }

  @Delete(':id/passports/:memberId')
  @HttpCode(204)
  @AllowRoles('secretariat', 'member')
  @ApiOperation({ operationId: 'passports_remove', summary: 'Erase passport details now' })
  @ApiNoContentResponse()
  @ApiErrors(400, 403, 404)
  async removePassport(@UuidParam() id: string, @UuidParam('memberId') memberId: string) {
    await this.passports.remove(id, memberId);
  }
}
