import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'supertest';
import { addMembership, createBody, createMember, createOrganization } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** The parts of the OpenAPI document this test reads. */
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: 'path' | 'query' }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** One request to send: what makes it hostile, its path, and its body (raw JSON text) or none. */
interface HostileCase {
  label: string;
  path: string;
  body?: string;
}

const DEEP = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const HUGE = 'x'.repeat(200_000);
const BAD_PARAMS = [
  'not-a-uuid',
  '%27%20OR%201%3D1',
  '%00',
  '%ED%A0%80',
  '..%2F..%2Fetc',
  '00000000-0000-0000-0000-00000000000g',
  'x'.repeat(5000),
  '%E0%A4%A',
];
const BAD_QUERY_VALUES = [
  '-1',
  '1e999',
  '%00',
  '%ED%A0%80',
  'x'.repeat(5000),
  '[]',
  "'%20OR%201=1",
  '9007199254740993',
];

/** Replaces the value at a dotted path of a JSON value, copying on the way. */
function withValue(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value))
    return value.map((item, i) => (String(i) === head ? withValue(item, rest, replacement) : item));
  const object = (value ?? {}) as Record<string, unknown>;
  return { ...object, [head]: withValue(object[head], rest, replacement) };
}

/** Paths of every leaf of a JSON value (strings, numbers, booleans), with the leaf. */
function leaves(value: unknown, path: string[] = []): { path: string[]; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, String(i)]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  return [{ path, value }];
}

describe('hostile input on every route of the OpenAPI document', () => {
  let t: TestApp;
  let openApi: OpenApi;
  let ids: Record<string, string>;
  const outbox = mkdtempSync(join(tmpdir(), 'wgs-hostile-outbox-'));

  beforeAll(async () => {
    t = await startTestApp({ API_REQUESTS_PER_MINUTE: '1000000', OUTBOX_DIR: outbox });
    const organization = await createOrganization(t);
    const member = await createMember(t);
    const body = await createBody(t);
    const membership = await addMembership(t, body.id, { memberId: member.id });
    const token = await t.admin
      .post('/api/tokens')
      .send({ name: 'x', role: 'member', memberId: member.id })
      .expect(201);
    const plan = await t.admin
      .post('/api/work-plans')
      .send({ bodyId: body.id, title: { en: 'Plan' }, period: '2031' })
      .expect(201);
    const item = await t.admin
      .post(`/api/work-plans/${plan.body.id}/items`)
      .send({ activity: { en: 'Item' }, deadline: 'March 2031', responsibleMemberIds: [member.id] })
      .expect(201);
    const meeting = await t.admin
      .post('/api/meetings')
      .send({ bodyId: body.id, kind: 'workshop', title: { en: 'Workshop' }, timeZone: 'Asia/Almaty' })
      .expect(201);
    const option = await t.admin
      .post(`/api/meetings/${meeting.body.id}/date-options`)
      .send({ text: 'May 2031' })
      .expect(201);
    const agenda = await t.admin
      .post(`/api/meetings/${meeting.body.id}/agenda`)
      .send({ title: { en: 'Opening' } })
      .expect(201);
    await t.admin.post(`/api/meetings/${meeting.body.id}/invitations`).send({ memberIds: [member.id] });
    const notification = (await t.admin.get('/api/notifications?limit=1').expect(200)).body.items[0];
    ids = {
      organizations: organization.id,
      members: member.id,
      bodies: body.id,
      memberships: membership.id,
      tokens: token.body.id,
      'work-plans': plan.body.id,
      'work-plan-items': item.body.id,
      meetings: meeting.body.id,
      'date-options': option.body.id,
      agenda: agenda.body.id,
      notifications: notification?.id ?? randomUUID(),
    };
    openApi = (await t.anonymous.get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  /** A real id for a parameter or a uuid field, judged by its name or the path segment before it. */
  function idFor(name: string, segmentBefore?: string): string {
    const byName: Record<string, string> = {
      memberId: 'members',
      delegateMemberId: 'members',
      responsibleMemberId: 'members',
      responsibleMemberIds: 'members',
      memberIds: 'members',
      bodyId: 'bodies',
      parentId: 'bodies',
      meetingId: 'meetings',
      optionId: 'date-options',
      membershipId: 'memberships',
      itemId: 'agenda',
      workPlanId: 'work-plans',
      organization: 'organizations',
      executor: 'organizations',
    };
    const key = byName[name] ?? (name === 'id' ? segmentBefore : undefined);
    return (key && ids[key]) || randomUUID();
  }

  function resolve(schema: Schema): Schema {
    if (schema.$ref) return resolve(openApi.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length) return { ...schema, ...resolve(schema.allOf[0]), allOf: undefined };
    return schema;
  }

  /** A plausible body for a schema, so that each hostile change meets the rest of a well-formed request. */
  function example(raw: Schema, name = '', depth = 0): unknown {
    const schema = resolve(raw);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum?.length) return schema.enum[0];
    if (schema.format === 'uuid') return idFor(name);
    if (schema.properties && depth < 4)
      return Object.fromEntries(
        Object.entries(schema.properties).map(([key, value]) => [key, example(value, key, depth + 1)]),
      );
    if (schema.type === 'array') return schema.items ? [example(schema.items, name, depth + 1)] : [];
    if (schema.type === 'number' || schema.type === 'integer') return 1;
    if (schema.type === 'boolean') return true;
    if (schema.type === 'object') return {};
    return /email/i.test(name) ? `hostile-${randomUUID().slice(0, 8)}@example.org` : 'text';
  }

  function bodyCases(path: string, schema: Schema): HostileCase[] {
    const base = example(schema);
    const cases: HostileCase[] = [
      { label: 'the example', path, body: JSON.stringify(base) },
      { label: 'nested 1,500 levels', path, body: DEEP(1500) },
      {
        label: 'a field nested 1,500 levels',
        path,
        body: JSON.stringify(base).replace(/^\{/, `{"deep":${DEEP(1500)},`),
      },
      { label: 'an array for the object', path, body: JSON.stringify([base]) },
      { label: 'arrays nested 1,500 levels', path, body: '['.repeat(1500) + ']'.repeat(1500) },
      { label: 'a string', path, body: '"text"' },
      { label: 'null', path, body: 'null' },
      {
        label: '__proto__ and constructor keys',
        path,
        body: JSON.stringify(base).replace(
          /^\{/,
          '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}},',
        ),
      },
    ];
    if (base === null || typeof base !== 'object') return cases;
    for (const key of Object.keys(base)) {
      for (const [label, value] of [
        ['a number', 1e308],
        ['a negative number', -Number.MAX_SAFE_INTEGER - 2],
        ['true', true],
        ['an object', { a: 1 }],
        ['an array', [1, 'two', null]],
        ['null', null],
        ['deeply nested', '__DEEP__'],
      ] as const) {
        const body = JSON.stringify(withValue(base, [key], value)).replace('"__DEEP__"', DEEP(1500));
        cases.push({ label: `${key}: ${label}`, path, body });
      }
    }
    for (const leaf of leaves(base)) {
      const field = leaf.path.join('.');
      const mutations: [string, unknown][] =
        typeof leaf.value === 'number'
          ? [
              ['out of range', 1e308],
              ['negative', -1],
              ['beyond safe integers', 2 ** 53 + 1],
              ['fractional', 0.5],
              ['zero', 0],
            ]
          : [
              ['a lone surrogate', '\ud800'],
              ['a NUL character', 'a\u0000b'],
              ['a huge string', HUGE],
              ['a quoted email', '"a\r\nRCPT TO:<x@evil.test>"@b.test'],
              ['an empty string', ''],
              ['a date out of range', '99999-12-31T25:61:00+99:00'],
            ];
      for (const [label, value] of mutations) {
        const replacement =
          typeof value === 'string' && typeof leaf.value === 'string' && label === 'a lone surrogate'
            ? `${leaf.value}\ud800`
            : value;
        cases.push({
          label: `${field}: ${label}`,
          path,
          body: JSON.stringify(withValue(base, leaf.path, replacement)),
        });
      }
    }
    return cases;
  }

  function allCases(): { method: string; cases: HostileCase[] }[] {
    const found: { method: string; cases: HostileCase[] }[] = [];
    for (const [template, operations] of Object.entries(openApi.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const segments = template.split('/');
        const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const fill = (overrides: Record<string, string> = {}) =>
          segments
            .map((segment, i) => {
              const name = /^\{(.+)\}$/.exec(segment)?.[1];
              return name ? (overrides[name] ?? idFor(name, segments[i - 1])) : segment;
            })
            .join('/');
        const path = fill();
        const cases: HostileCase[] = [];
        const schema = Object.values(operation.requestBody?.content ?? {})[0]?.schema;
        if (schema) cases.push(...bodyCases(path, schema));
        for (const name of pathParams) {
          for (const bad of BAD_PARAMS)
            cases.push({
              label: `path ${name}: ${bad.slice(0, 40)}`,
              path: fill({ [name]: bad }),
              body: schema ? '{}' : undefined,
            });
          cases.push({
            label: `path ${name}: unknown id`,
            path: fill({ [name]: randomUUID() }),
            body: schema ? JSON.stringify(example(schema)) : undefined,
          });
        }
        for (const name of queryParams) {
          for (const bad of BAD_QUERY_VALUES)
            cases.push({ label: `query ${name}: ${bad.slice(0, 40)}`, path: `${path}?${name}=${bad}` });
          cases.push({ label: `query ${name}: repeated`, path: `${path}?${name}=a&${name}=b` });
          cases.push({ label: `query ${name}: bracketed`, path: `${path}?${name}[a][b]=1` });
        }
        if (cases.length > 0) found.push({ method, cases });
      }
    }
    return found;
  }

  it('answers hostile bodies, path and query parameters on every operation without a 500', async () => {
    const offenders: string[] = [];
    let sent = 0;
    const operations = allCases();
    expect(operations.length).toBeGreaterThan(40);
    for (const { method, cases } of operations) {
      for (const hostile of cases) {
        let request = (t.admin as unknown as Record<string, (url: string) => Test>)[method](hostile.path);
        if (hostile.body !== undefined) request = request.set('Content-Type', 'application/json').send(hostile.body);
        const res = await request;
        sent++;
        if (res.status >= 500)
          offenders.push(
            `${method.toUpperCase()} ${hostile.path.slice(0, 120)} [${hostile.label}] → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
          );
      }
    }
    expect(sent).toBeGreaterThan(2000);
    expect(offenders).toEqual([]);
  }, 120_000);
});
