import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { describeApi } from '../../app.factory';
import { OPERATION_ID_PATTERN, openApiJson } from './openapi-document';

type Operation = {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
};

function operations(document: OpenAPIObject): { name: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );
}

/** A schema that says nothing: an object without properties, items, a $ref or composition. */
function saysNothing(schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return true;
  if (schema.$ref || schema.allOf || schema.oneOf || schema.anyOf || schema.properties) return false;
  if (schema.type === 'array') return saysNothing(schema.items as Record<string, unknown> | undefined);
  return schema.type === 'object' || schema.type === undefined;
}

describe('the OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await describeApi();
  }, 60_000);

  it('is the one committed as openapi.json', () => {
    const committed = readFileSync(join(process.cwd(), 'openapi.json'), 'utf8');
    const generated = openApiJson(document);
    if (committed !== generated) {
      const committedLines = committed.split('\n');
      const generatedLines = generated.split('\n');
      const line = generatedLines.findIndex((text, index) => text !== committedLines[index]);
      throw new Error(
        `openapi.json is out of date: run "npm run openapi" and commit the file.\n` +
          `First difference at line ${line + 1}:\n  committed: ${committedLines[line]}\n  generated: ${generatedLines[line]}`,
      );
    }
  });

  it('names every operation <resource>_<verb>, each name once', () => {
    const ids = operations(document).map(({ name, operation }) => ({ name, id: operation.operationId ?? '' }));
    expect(ids.filter(({ id }) => !OPERATION_ID_PATTERN.test(id))).toEqual([]);
    const seen = new Map<string, string>();
    const repeated = ids.filter(({ id, name }) => seen.has(id) || !seen.set(id, name));
    expect(repeated).toEqual([]);
  });

  it('gives every success response but 204 a body schema', () => {
    const bodiless = operations(document).flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => status.startsWith('2') && status !== '204')
        .filter(([, response]) => Object.values(response.content ?? {}).filter((media) => media.schema).length === 0)
        .map(([status]) => `${name} ${status}`),
    );
    expect(bodiless).toEqual([]);
  });

  it('gives every JSON success response a schema that describes its fields', () => {
    const untyped = operations(document).flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([status, response]) =>
          Object.entries(response.content ?? {})
            .filter(([type]) => type.includes('json'))
            .filter(([, media]) => saysNothing(media.schema))
            .map(() => `${name} ${status}`),
        ),
    );
    expect(untyped).toEqual([]);
  });

  it('describes every field of every schema: an object says what it holds', () => {
    const vague: string[] = [];
    const visit = (schema: Record<string, unknown>, path: string) => {
      const composed = schema.$ref || schema.allOf || schema.oneOf || schema.anyOf;
      if (schema.type === 'object' && !composed && !schema.properties && schema.additionalProperties === undefined)
        vague.push(path);
      for (const [name, property] of Object.entries(
        (schema.properties ?? {}) as Record<string, Record<string, unknown>>,
      ))
        visit(property, `${path}.${name}`);
      if (schema.items) visit(schema.items as Record<string, unknown>, `${path}[]`);
      if (typeof schema.additionalProperties === 'object')
        visit(schema.additionalProperties as Record<string, unknown>, `${path}{}`);
    };
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {}))
      visit(schema as Record<string, unknown>, name);
    expect(vague).toEqual([]);
  });
});
