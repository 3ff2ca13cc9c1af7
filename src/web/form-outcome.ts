import { HttpException, HttpStatus } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError } from '../common/http/api-error';
import type { FieldProblem } from '../common/http/api-error';
import { problemsOf, validateForm } from './forms';

/** A refusal with 429 carries the seconds to wait, for the page's Retry-After. */
export type FormOutcome<T> =
  { ok: true; value: T } | { ok: false; status: number; problems: FieldProblem[]; retryAfterSeconds?: number };

/** A page form's whole path: the API's DTO checks the values, then the service acts. */
export async function submitForm<D extends object, T>(
  dto: Type<D>,
  values: Record<string, unknown>,
  act: (value: D) => Promise<T>,
): Promise<FormOutcome<T>> {
  const checked = await validateForm(dto, values);
  if (!checked.ok) return { ok: false, status: HttpStatus.BAD_REQUEST, problems: checked.problems };
  return attempt(() => act(checked.value));
}

/** A service's action on checked values; its refusal (409, 404…) comes back as field problems with the API's status. */
export async function attempt<T>(act: () => Promise<T>): Promise<FormOutcome<T>> {
  try {
    return { ok: true, value: await act() };
  } catch (error) {
    const problems = problemsOf(error);
    if (!problems) throw error;
    const retryAfterSeconds = error instanceof ApiError ? error.retryAfterSeconds : undefined;
    return {
      ok: false,
      status: (error as HttpException).getStatus(),
      problems,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    };
  }
}

/**
 * After a page form: a success goes on to `next` (303); a refusal shows the form again with the refusal's
 * status, and a 429 says when to try again.
 */
export async function afterForm<T>(
  res: Response,
  outcome: FormOutcome<T>,
  next: (value: T) => string,
  again: (res: Response, problems: FieldProblem[]) => unknown,
): Promise<void> {
  if (outcome.ok) return res.redirect(HttpStatus.SEE_OTHER, next(outcome.value));
  if (outcome.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
  await again(res.status(outcome.status), outcome.problems);
}
