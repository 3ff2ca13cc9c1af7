import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
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

/** Strict input: unknown fields refused, types converted only where declared, one message per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ApiError(HttpStatus.BAD_REQUEST, fieldProblems(errors)),
  });
}
