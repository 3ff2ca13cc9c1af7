import { ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, FieldProblem } from '../http/api-error';
import { unsafeInput } from './input-safety';

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

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    // Bodies and queries were checked as they arrived; this also covers path parameters and multipart fields.
    const problem = unsafeInput(value, metadata.type === 'param' ? (metadata.data ?? 'param') : metadata.type);
    if (problem) throw new ApiError(HttpStatus.BAD_REQUEST, [problem]);
    return super.transform(value, metadata) as Promise<unknown>;
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
