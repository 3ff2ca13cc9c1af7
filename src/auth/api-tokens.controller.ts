import { Body, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { ApiToken } from './api-token.entity';
import { ApiTokensService } from './api-tokens.service';
import { CreateApiTokenDto } from './dto/create-api-token.dto';

@ApiController('tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API token; the response carries the token once, only its hash is stored' })
  @ApiCreatedResponse({
    schema: { allOf: [{ $ref: '#/components/schemas/ApiToken' }, { properties: { token: { type: 'string' } } }] },
  })
  @ApiErrors(400, 403)
  async create(@Body() dto: CreateApiTokenDto) {
    const { token, apiToken } = await this.tokens.create(dto);
    return { ...apiToken, tokenHash: undefined, token };
  }

  @Get()
  @ApiOperation({ summary: 'List API tokens (never the tokens themselves)' })
  @ApiOkResponse({ type: [ApiToken] })
  @ApiErrors(403)
  list() {
    return this.tokens.list();
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API token at once' })
  @ApiOkResponse({ type: ApiToken })
  @ApiErrors(400, 403, 404)
  revoke(@UuidParam() id: string) {
    return this.tokens.revoke(id);
  }
}
