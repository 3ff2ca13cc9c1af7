import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from './openapi';

/** A controller under /api: bearer-token protected, documented with its tag and the 401 every route can give. */
export function ApiController(path: string, tag: string = path.split('/')[0]) {
  return applyDecorators(Controller(`api/${path}`), ApiTags(tag), ApiBearerAuth(), ApiErrors(401));
}
