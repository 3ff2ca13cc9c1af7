import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldProblemSchema {
  @ApiProperty({ example: 'timeZone' })
  field!: string;

  @ApiProperty({ example: 'timeZone must be an IANA time zone such as "Asia/Almaty" or "Europe/Brussels"' })
  message!: string;
}

export class ApiErrorSchema {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    description: 'One entry per field for input problems, or one sentence',
    oneOf: [{ type: 'string' }, { type: 'array', items: { $ref: '#/components/schemas/FieldProblemSchema' } }],
  })
  message!: FieldProblemSchema[] | string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'More about the problem, when there is more',
  })
  details?: Record<string, unknown>;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: one entry per field',
  401: 'Missing or invalid bearer token',
  403: "The token's role may not do this",
  404: 'No such record',
  409: 'Conflicts with the current state or another record',
  413: 'Body larger than 1 MB',
  422: 'Understood as JSON but not as meaning (e.g. a deadline text that cannot be read)',
  429: 'Too many requests; see Retry-After',
};

export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ApiErrorSchema, FieldProblemSchema),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        schema: { $ref: getSchemaPath(ApiErrorSchema) },
      }),
    ),
  );
}

export function ApiPage(model: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: 200,
      description: 'One page of the list and the total count',
      schema: {
        type: 'object',
        required: ['items', 'total', 'limit', 'offset'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          total: { type: 'integer' },
          limit: { type: 'integer' },
          offset: { type: 'integer' },
        },
      },
    }),
  );
}

export const LOCALIZED_TEXT_SCHEMA = {
  type: 'object',
  properties: { en: { type: 'string' }, ru: { type: 'string' }, kk: { type: 'string' } },
  description: 'Text by language; at least one of en, ru, kk',
  example: { en: 'Working Group', ru: 'Рабочая группа', kk: 'Жұмыс тобы' },
} as const;
