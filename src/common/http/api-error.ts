import { HttpException, HttpStatus } from '@nestjs/common';

/** One problem with one field of a request: what every 4xx carries, so a form can show it in place. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: FieldProblem[] | string;
  details?: Record<string, unknown>;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

export class ApiError extends HttpException {
  /** With a 429: the seconds before trying again, sent as Retry-After. */
  retryAfterSeconds?: number;

  constructor(status: HttpStatus, message: FieldProblem[] | string, details?: Record<string, unknown>) {
    const body: ApiErrorBody = { statusCode: status, error: reasonPhrase(status), message };
    if (details) body.details = details;
    super(body, status);
  }

  static notFound(entity: string, id: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, `${entity} ${id} was not found`);
  }

  static field(status: HttpStatus, field: string, message: string, details?: Record<string, unknown>): ApiError {
    return new ApiError(status, [{ field, message }], details);
  }

  static tooManyRequests(field: string, message: string, retryAfterSeconds: number): ApiError {
    const error = ApiError.field(HttpStatus.TOO_MANY_REQUESTS, field, message);
    error.retryAfterSeconds = retryAfterSeconds;
    return error;
  }

  static conflict(message: string, field?: string): ApiError {
    return field ? ApiError.field(HttpStatus.CONFLICT, field, message) : new ApiError(HttpStatus.CONFLICT, message);
  }
}
