import { HttpException } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import type { FieldProblem } from '../common/http/api-error';
import { createValidationPipe } from '../common/validation/validation.pipe';

const pipe = createValidationPipe();

export type FormResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Runs a form's values through the API's own DTO and pipe. */
export async function validateForm<T extends object>(
  dto: Type<T>,
  values: Record<string, unknown>,
): Promise<FormResult<T>> {
  try {
    return { ok: true, value: (await pipe.transform(values, { type: 'body', metatype: dto })) as T };
  } catch (error) {
    const problems = problemsOf(error);
    if (problems) return { ok: false, problems };
    throw error;
  }
}

/** The field problems a service refused a change with. */
export function problemsOf(error: unknown): FieldProblem[] | null {
  if (!(error instanceof HttpException) || error.getStatus() >= 500) return null;
  const body = error.getResponse() as { message?: FieldProblem[] | string } | string;
  const message = typeof body === 'string' ? body : body.message;
  if (Array.isArray(message)) return message;
  return [{ field: 'form', message: message ?? error.message }];
}

/** Problems keyed by field, for templates: {{#if errors.email}}…{{/if}}. */
export function byField(problems: FieldProblem[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { field, message } of problems) map[field] = map[field] ? `${map[field]}; ${message}` : message;
  return map;
}

/** A form field is absent when left blank: the API treats a missing field and an empty box alike. */
export function blankToUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '' && value !== undefined));
}
