import { HttpException, HttpStatus } from '@nestjs/common';

/** A service's 404 (no such member, body…): a page answers it with a sentence, not the API's JSON. */
export function isNotFound(error: unknown): boolean {
  return error instanceof HttpException && error.getStatus() === Number(HttpStatus.NOT_FOUND);
}
