import { Body, Get, Headers, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { languageFromHeader } from '../common/i18n/languages';
import { UuidParam } from '../common/validation/params';
import { LetterSettingsDto, LetterSettingsResponse } from './dto/letter-settings.dto';
import { LetterSettingsService } from './letter-settings.service';

/** How a body's letters look: letterhead and logo, signatory and signature, contact person. */
@ApiController('bodies', 'letters')
export class LetterSettingsController {
  constructor(private readonly settings: LetterSettingsService) {}

  @Get(':id/letter-settings')
  @ApiOperation({ operationId: 'letterSettings_get', summary: "The body's letterhead, signatory and contact person" })
  @ApiOkResponse({ type: LetterSettingsResponse })
  @ApiErrors(400, 403, 404)
  get(@UuidParam() id: string) {
    return this.settings.get(id);
  }

  @Put(':id/letter-settings')
  @ApiOperation({
    operationId: 'letterSettings_update',
    summary: 'Set the letterhead, logo, signatory, signature image and contact person (fields left out stay)',
  })
  @ApiOkResponse({ type: LetterSettingsResponse })
  @ApiErrors(400, 403, 404)
  update(@UuidParam() id: string, @Body() dto: LetterSettingsDto, @Headers('accept-language') acceptLanguage?: string) {
    return this.settings.update(id, dto, languageFromHeader(acceptLanguage));
  }
}
