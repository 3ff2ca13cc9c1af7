import { HttpException, HttpStatus } from '@nestjs/common';

/** A service's 404 (no such member, body…): a page answers it with a sentence, not the API's JSON. */
export function isNotFound(error: unknown): boolean {
  return error instanceof HttpException && error.getStatus() === Number(HttpStatus.NOT_FOUND);
}

/** What `load` finds, or null once `answer` has told the reader there is no such record. */
export async function foundOr<T>(load: () => Promise<T>, answer: () => void): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (!isNotFound(error)) throw error;
    answer();
    return null;
  }
}
