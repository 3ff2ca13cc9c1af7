/**
 * Checks a JSON value against a schema of the app's OpenAPI document: only what the document uses
 * ($ref, allOf, oneOf, type, nullable, enum, properties, required, additionalProperties, items and the
 * formats date-time, date and uuid). A property the schema does not name is a problem too, unless the
 * schema allows additional properties: the document must describe all that the API sends.
 */
export type Schema = {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
};

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components.schemas[name];
  if (!target) throw new Error(`the document has no schema ${schema.$ref}`);
  return resolve(document, target);
}

/** The names an object schema declares, through allOf. */
function declaredProperties(document: OpenApiDocument, schema: Schema): Set<string> {
  const resolved = resolve(document, schema);
  const names = new Set(Object.keys(resolved.properties ?? {}));
  for (const part of resolved.allOf ?? []) for (const name of declaredProperties(document, part)) names.add(name);
  return names;
}

function allowsMore(document: OpenApiDocument, schema: Schema): boolean {
  const resolved = resolve(document, schema);
  return resolved.additionalProperties !== undefined && resolved.additionalProperties !== false
    ? true
    : (resolved.allOf ?? []).some((part) => allowsMore(document, part));
}

/** Every way `value` departs from `schema`, as "path: problem" lines; empty when it conforms. */
export function schemaProblems(
  document: OpenApiDocument,
  schema: Schema,
  value: unknown,
  path = '$',
  checkUndeclared = true,
): string[] {
  const resolved = resolve(document, schema);
  if (value === null)
    return resolved.nullable || resolved.oneOf?.some((s) => resolve(document, s).nullable)
      ? []
      : [`${path}: null, but the schema is not nullable`];
  const problems: string[] = [];
  for (const part of resolved.allOf ?? []) problems.push(...schemaProblems(document, part, value, path, false));
  if (resolved.oneOf) {
    const matching = resolved.oneOf.filter(
      (option) => schemaProblems(document, option, value, path).length === 0,
    ).length;
    if (matching !== 1) problems.push(`${path}: matches ${matching} of the oneOf schemas, not exactly one`);
  }
  const actual = typeOf(value);
  if (resolved.type && !(resolved.type === actual || (resolved.type === 'number' && actual === 'integer')))
    return [...problems, `${path}: ${actual}, documented as ${resolved.type}`];
  if (resolved.enum && !resolved.enum.includes(value))
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(resolved.enum)}`);
  if (
    resolved.format &&
    typeof value === 'string' &&
    FORMATS[resolved.format] &&
    !FORMATS[resolved.format].test(value)
  ) {
    problems.push(`${path}: ${JSON.stringify(value)} is not a ${resolved.format}`);
  }
  if (Array.isArray(value) && resolved.items)
    value.forEach((item, index) =>
      problems.push(...schemaProblems(document, resolved.items!, item, `${path}[${index}]`)),
    );
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of resolved.required ?? [])
      if (!(name in object)) problems.push(`${path}.${name}: required, but missing`);
    for (const [name, property] of Object.entries(resolved.properties ?? {})) {
      if (name in object) problems.push(...schemaProblems(document, property, object[name], `${path}.${name}`));
    }
    if (typeof resolved.additionalProperties === 'object') {
      const declared = declaredProperties(document, resolved);
      for (const [name, item] of Object.entries(object))
        if (!declared.has(name))
          problems.push(...schemaProblems(document, resolved.additionalProperties, item, `${path}.${name}`));
    }
    if (checkUndeclared && !allowsMore(document, resolved)) {
      const declared = declaredProperties(document, resolved);
      for (const name of Object.keys(object))
        if (!declared.has(name)) problems.push(`${path}.${name}: sent, but not in the documented schema`);
    }
  }
  return problems;
}

/** The documented schema of an operation's response with this status. */
export function responseSchema(document: OpenApiDocument, operationId: string, status: number): Schema {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      if (operation.operationId !== operationId) continue;
      const schema = operation.responses[String(status)]?.content?.['application/json']?.schema;
      if (!schema) throw new Error(`${operationId} documents no JSON response ${status}`);
      return schema;
    }
  }
  throw new Error(`the document has no operation ${operationId}`);
}
