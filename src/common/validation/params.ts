import { HttpStatus, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiError } from '../http/api-error';

/** A UUID path parameter; anything else is a 400 naming the parameter, before any lookup. */
export function UuidParam(name = 'id'): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      version: undefined,
      exceptionFactory: () => ApiError.field(HttpStatus.BAD_REQUEST, name, 'must be a UUID'),
    }),
  );
}
