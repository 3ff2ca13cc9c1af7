import { ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, FieldProblem } from '../http/api-error';

/** Flattens class-validator's tree into one entry per field, with dotted paths for nested values. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      problems.push({ field, message: message.replace(/^property \S+ should not exist$/, 'is not a known field') });
    }
    if (error.children?.length) problems.push(...fieldProblems(error.children, field));
  }
  return problems;
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Problems no DTO can express: NUL characters (PostgreSQL cannot store them) and prototype-polluting keys. */
function unsafeField(value: unknown, path: string, depth = 0): FieldProblem | null {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? { field: path || 'body', message: 'must not contain the NUL character (\\u0000)' } : null;
  }
  // An uploaded file's bytes are no field: walking a Buffer's keys would take seconds for a few megabytes.
  if (depth > 32 || value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null;
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return { field, message: 'is not a known field' };
    const found = unsafeField((value as Record<string, unknown>)[key], field, depth + 1);
    if (found) return found;
  }
  return null;
}

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    const problem = unsafeField(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (problem) throw new ApiError(HttpStatus.BAD_REQUEST, [problem]);
    return super.transform(value, metadata);
  }
}

/** Strict input: unknown fields refused, types converted only where declared, one message per field. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ApiError(HttpStatus.BAD_REQUEST, fieldProblems(errors)),
  });
}
