import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Operation ids read `<resource>_<verb>`: operations named otherwise set `operationId` in their @ApiOperation. */
export const OPERATION_ID_PATTERN = /^[a-z][A-Za-z]*_[a-z][A-Za-z]*$/;

export function operationIdFor(controllerKey: string, methodKey: string): string {
  const resource = controllerKey.replace(/Controller$/, '');
  return `${resource.charAt(0).toLowerCase()}${resource.slice(1)}_${methodKey}`;
}

/** The API's OpenAPI document, as served at /api/docs-json and written to openapi.json by `npm run openapi`. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('wg-secretariat')
      .setDescription(
        'Workflow API of the secretariat of the EU–Central Asia Working Group on Environment and Climate Change: ' +
          'members, bodies and terms, meetings, the work plan and reminders. Every /api route needs "Authorization: Bearer <token>". ' +
          'Errors always have the shape {statusCode, error, message}, where message is one sentence or one entry per field.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { operationIdFactory: operationIdFor },
  );
}

export function openApiJson(document: OpenAPIObject): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
    );
  };
  return JSON.stringify(sorted(document), null, 2) + '\n';
}
