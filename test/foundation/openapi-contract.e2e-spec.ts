import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { addMembership, createBody, createMember, createOrganization, meetingHasBegun } from '../support/factories';
import { OpenApiDocument, responseSchema, schemaProblems } from '../support/openapi-schema';
import { startTestApp, TestApp } from '../support/test-app';

/** Real responses against the schemas the served OpenAPI document gives them: the document describes what the API sends. */
describe('the OpenAPI document describes the real responses', () => {
  let t: TestApp;
  let document: OpenApiDocument;

  /** The response's body conforms to the schema its operation documents for its status. */
  function expectDocumented(operationId: string, res: Response) {
    const problems = schemaProblems(document, responseSchema(document, operationId, res.status), res.body);
    expect({ operationId, problems }).toEqual({ operationId, problems: [] });
    return res.body;
  }

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.anonymous.get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('finds a problem in a response that departs from its schema', () => {
    const meeting = responseSchema(document, 'meetings_get', 200);
    expect(schemaProblems(document, meeting, { id: 'not-a-uuid', extra: 1 })).toEqual(
      expect.arrayContaining([
        '$.id: "not-a-uuid" is not a uuid',
        '$.bodyId: required, but missing',
        '$.extra: sent, but not in the documented schema',
      ]),
    );
    expect(
      schemaProblems(document, responseSchema(document, 'meetings_list', 200), {
        items: [{ local: null }],
        total: 1,
        limit: 50,
        offset: 0,
      }),
    ).toContain('$.items[0].local: null, but the schema is not nullable');
  });

  it('errors in the one error shape, also on routes that answer files', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const metrics = expectDocumented('metrics_scrape', await t.anonymous.get('/metrics'));
    expect(metrics.statusCode).toBe(401);
    expect(
      expectDocumented('meetingCalendarFiles_get', await t.admin.get(`/api/meetings/${missing}/ics`)).statusCode,
    ).toBe(404);
    expect(
      expectDocumented('workPlans_export', await t.admin.get(`/api/work-plans/${missing}/export`)).statusCode,
    ).toBe(404);
    expect(
      expectDocumented('meetings_create', await t.admin.post('/api/meetings').send({ kind: 'nonsense' })).statusCode,
    ).toBe(400);
  });

  it('the health probes', async () => {
    expectDocumented('health_check', await t.anonymous.get('/health'));
    expectDocumented('health_ready', await t.anonymous.get('/health/ready'));
    expectDocumented('health_live', await t.anonymous.get('/health/live'));
  });

  it('a meeting from poll to approved minutes, and the lists around it', async () => {
    const body = await createBody(t, { timeZone: 'Asia/Almaty' });
    const kz = await createMember(t, { fullName: 'Айгерим Садыкова', countryCode: 'KZ' });
    const kg = await createMember(t, { fullName: 'Бакыт Исаев', countryCode: 'KG' });
    const uz = await createMember(t, { fullName: 'Шерзод Каримов', countryCode: 'UZ' });
    for (const m of [kz, kg]) await addMembership(t, body.id, { memberId: m.id, startDate: '2018-01-01' });
    await t.admin
      .post('/api/work-plans')
      .send({ bodyId: body.id, title: { en: 'Work plan 2031' }, period: '2031' })
      .expect(201);

    const meeting = expectDocumented(
      'meetings_create',
      await t.admin.post('/api/meetings').send({
        bodyId: body.id,
        kind: 'working_group',
        number: 9,
        title: { en: '9th meeting' },
        timeZone: 'Europe/Brussels',
        location: { city: 'Brussels', countryCode: 'BE' },
      }),
    );
    const option = expectDocumented(
      'meetingDateOptions_create',
      await t.admin
        .post(`/api/meetings/${meeting.id}/date-options`)
        .send({ startsAt: '2030-12-03T10:00:00+01:00', endsAt: '2030-12-04T17:00:00+01:00', label: 'Early December' }),
    );
    expectDocumented(
      'meetingDateOptions_create',
      await t.admin
        .post(`/api/meetings/${meeting.id}/date-options`)
        .send({ text: 'end of January or early February 2031' }),
    );
    expectDocumented('meetingDateOptions_list', await t.admin.get(`/api/meetings/${meeting.id}/date-options`));
    expectDocumented(
      'meetingPolls_open',
      await t.admin
        .post(`/api/meetings/${meeting.id}/poll`)
        .send({ fromBody: true, closesAt: '2030-10-15T18:00:00+05:00' }),
    );
    expectDocumented(
      'meetingPollAnswers_record',
      await t.admin
        .put(`/api/meetings/${meeting.id}/date-options/${option.id}/answers/${kz.id}`)
        .send({ answer: 'yes' }),
    );
    expectDocumented('meetingPolls_get', await t.admin.get(`/api/meetings/${meeting.id}/poll`));
    expectDocumented(
      'meetings_confirm',
      await t.admin.post(`/api/meetings/${meeting.id}/confirm`).send({ dateOptionId: option.id }),
    );
    expectDocumented(
      'meetingInvitations_create',
      await t.admin.post(`/api/meetings/${meeting.id}/invitations`).send({ memberIds: [uz.id] }),
    );
    expectDocumented(
      'meetingInvitations_answer',
      await t.admin
        .put(`/api/meetings/${meeting.id}/invitations/${kg.id}`)
        .send({ response: 'delegated', delegateMemberId: uz.id }),
    );
    expectDocumented(
      'meetingInvitations_answer',
      await t.admin
        .put(`/api/meetings/${meeting.id}/invitations/${kz.id}`)
        .send({ response: 'accepted', note: 'by phone' }),
    );
    expectDocumented('meetingInvitations_list', await t.admin.get(`/api/meetings/${meeting.id}/invitations`));
    expectDocumented('meetingRepresentation_get', await t.admin.get(`/api/meetings/${meeting.id}/representation`));

    const opening = expectDocumented(
      'meetingAgenda_create',
      await t.admin.post(`/api/meetings/${meeting.id}/agenda`).send({ title: { en: 'Opening' }, durationMinutes: 15 }),
    );
    const plan = expectDocumented(
      'meetingAgenda_create',
      await t.admin.post(`/api/meetings/${meeting.id}/agenda`).send({
        title: { en: 'Work plan' },
        presenterId: kz.id,
        documents: [{ title: 'Draft', url: 'https://docs.example.org/draft.pdf' }],
      }),
    );
    expectDocumented(
      'meetingAgenda_update',
      await t.admin.patch(`/api/meetings/${meeting.id}/agenda/${opening.id}`).send({ durationMinutes: 20 }),
    );
    expectDocumented(
      'meetingAgenda_reorder',
      await t.admin.put(`/api/meetings/${meeting.id}/agenda/order`).send({ order: [plan.id, opening.id] }),
    );
    expectDocumented('meetingAgenda_list', await t.admin.get(`/api/meetings/${meeting.id}/agenda`));

    await meetingHasBegun(t, meeting.id);
    expectDocumented(
      'meetingAttendance_record',
      await t.admin.put(`/api/meetings/${meeting.id}/attendance`).send({
        records: [
          { memberId: kz.id, attended: true },
          { memberId: uz.id, attended: false },
        ],
      }),
    );
    expectDocumented('meetings_update', await t.admin.patch(`/api/meetings/${meeting.id}`).send({ status: 'held' }));
    expectDocumented(
      'meetingMinutes_write',
      await t.admin.put(`/api/meetings/${meeting.id}/minutes`).send({
        text: 'Opened at 10:00.',
        decisions: [
          { text: 'Adopt the agenda.' },
          {
            text: 'Prepare the plan.',
            actionItems: [
              {
                activity: 'Draft the 2031 work plan',
                deadline: 'February 2031',
                executor: null,
                responsibleMemberIds: [kz.id],
              },
            ],
          },
        ],
      }),
    );
    const approved = expectDocumented(
      'meetingMinutes_approve',
      await t.admin.post(`/api/meetings/${meeting.id}/minutes/approve`).send({}),
    );
    expect(approved.decisions[1].workPlanItemIds).toHaveLength(1);
    expectDocumented('meetingMinutes_get', await t.admin.get(`/api/meetings/${meeting.id}/minutes`));

    const other = expectDocumented(
      'meetings_create',
      await t.admin.post('/api/meetings').send({
        bodyId: body.id,
        kind: 'workshop',
        title: { en: 'Workshop' },
        timeZone: 'Asia/Almaty',
        startsAt: '2030-05-05T10:00:00+05:00',
        endsAt: '2030-05-05T17:00:00+05:00',
      }),
    );
    expectDocumented(
      'meetings_postpone',
      await t.admin.post(`/api/meetings/${other.id}/postpone`).send({ reason: 'floods' }),
    );
    expectDocumented('meetings_cancel', await t.admin.post(`/api/meetings/${other.id}/cancel`).send({}));
    expectDocumented('meetings_get', await t.admin.get(`/api/meetings/${meeting.id}`));
    const page = expectDocumented('meetings_list', await t.admin.get(`/api/meetings?bodyId=${body.id}`));
    expect(page.total).toBe(2);
    expectDocumented('calendarFeeds_issue', await t.admin.post(`/api/members/${kz.id}/calendar-feed`));

    const notifications = expectDocumented(
      'notifications_list',
      await t.admin.get(`/api/notifications?subjectId=${meeting.id}&limit=100`),
    );
    expect(notifications.items.length).toBeGreaterThan(0);
    expectDocumented('notifications_get', await t.admin.get(`/api/notifications/${notifications.items[0].id}`));
    expectDocumented(
      'notifications_resend',
      await t.admin.post(`/api/notifications/${notifications.items[0].id}/resend`),
    );
  });

  it('work-plan items, a deadline read, an import preview and the continuity report', async () => {
    const body = await createBody(t, { name: { en: 'Steering Committee' }, kind: 'steering_committee' });
    const organization = await createOrganization(t, { name: { en: 'WECOOP 2' }, kind: 'project', countryCode: null });
    const kz = await createMember(t, { countryCode: 'KZ' });
    const tj = await createMember(t, { countryCode: 'TJ' });
    await addMembership(t, body.id, { memberId: kz.id, role: 'member', startDate: '2017-03-01' });
    await addMembership(t, body.id, { memberId: tj.id, role: 'alternate', seat: 'KZ', startDate: '2024-01-01' });
    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Work plan 2019' }, period: '2019' })
        .expect(201)
    ).body;

    const item = expectDocumented(
      'workPlanItems_create',
      await t.admin.post(`/api/work-plans/${plan.id}/items`).send({
        activity: { en: 'Training course', ru: 'Учебный курс' },
        deadline: 'end of November or early December 2019',
        executor: organization.id,
        responsibleMemberIds: [kz.id],
        countries: ['KZ'],
      }),
    );
    expectDocumented(
      'workPlanItems_create',
      await t.admin
        .post(`/api/work-plans/${plan.id}/items`)
        .send({ activity: { ru: 'Отчёт' }, deadline: '[по запросу]', executor: kz.id }),
    );
    expectDocumented(
      'workPlanItems_update',
      await t.admin.patch(`/api/work-plan-items/${item.id}`).send({ status: 'in_progress', notes: 'started' }),
    );
    expectDocumented('workPlanItems_get', await t.admin.get(`/api/work-plan-items/${item.id}`));
    const items = expectDocumented(
      'workPlanItems_list',
      await t.admin.get(`/api/work-plan-items?workPlanId=${plan.id}`),
    );
    expect(items.total).toBe(2);
    expectDocumented('deadlines_parse', await t.admin.post('/api/deadlines/parse').send({ text: 'Апрель-июль 2019' }));

    const table = readFileSync(join(process.cwd(), 'test', 'fixtures', 'wgecc-work-plan-2019.csv'));
    const preview = expectDocumented(
      'workPlans_import',
      await t.admin.post(`/api/work-plans/${plan.id}/import?dryRun=true`).attach('file', table, 'plan.csv'),
    );
    expect(preview.dryRun).toBe(true);
    const broken = expectDocumented(
      'workPlans_import',
      await t.admin
        .post(`/api/work-plans/${plan.id}/import?dryRun=true`)
        .attach('file', Buffer.from('activity,deadline,executor\nSomething,sometime maybe,Nobody\n'), 'plan.csv'),
    );
    expect(broken.summary.invalid).toBe(1);

    const report = expectDocumented(
      'continuityReports_get',
      await t.admin.get(`/api/reports/continuity?bodyId=${body.id}`),
    );
    expect(report.seats.length).toBeGreaterThan(0);
  });

  it('the directory: organisations, members, bodies and terms, work plans, tokens and the audit log', async () => {
    const organization = expectDocumented(
      'organizations_create',
      await t.admin
        .post('/api/organizations')
        .send({ name: { en: 'Ministry of Ecology' }, kind: 'ministry', countryCode: 'KZ' }),
    );
    expectDocumented(
      'organizations_update',
      await t.admin
        .patch(`/api/organizations/${organization.id}`)
        .send({ name: { en: 'Ministry of Ecology and Natural Resources' } }),
    );
    expectDocumented('organizations_get', await t.admin.get(`/api/organizations/${organization.id}`));
    expectDocumented('organizations_list', await t.admin.get('/api/organizations'));

    const member = expectDocumented(
      'members_create',
      await t.admin.post('/api/members').send({
        fullName: 'Dana Nurlanovna',
        email: 'dana@example.org',
        countryCode: 'KZ',
        language: 'kk',
        timeZone: 'Asia/Almaty',
        organizationId: organization.id,
      }),
    );
    expectDocumented(
      'members_update',
      await t.admin.patch(`/api/members/${member.id}`).send({ position: 'Chief expert' }),
    );
    expectDocumented('members_get', await t.admin.get(`/api/members/${member.id}`));
    expectDocumented('members_list', await t.admin.get('/api/members?q=Dana'));

    const body = expectDocumented(
      'bodies_create',
      await t.admin.post('/api/bodies').send({ name: { en: 'Task force on water' }, kind: 'task_force' }),
    );
    expectDocumented(
      'bodies_update',
      await t.admin.patch(`/api/bodies/${body.id}`).send({ timeZone: 'Asia/Tashkent' }),
    );
    expectDocumented('bodies_get', await t.admin.get(`/api/bodies/${body.id}`));
    expectDocumented('bodies_list', await t.admin.get('/api/bodies'));
    const term = expectDocumented(
      'bodyMemberships_create',
      await t.admin
        .post(`/api/bodies/${body.id}/memberships`)
        .send({ memberId: member.id, role: 'chair', startDate: '2019-01-01' }),
    );
    expectDocumented(
      'bodyMemberships_update',
      await t.admin.patch(`/api/bodies/${body.id}/memberships/${term.id}`).send({ endDate: '2020-12-31' }),
    );
    expectDocumented('bodyMemberships_get', await t.admin.get(`/api/bodies/${body.id}/memberships/${term.id}`));
    expectDocumented('bodyMemberships_list', await t.admin.get(`/api/bodies/${body.id}/memberships`));

    const plan = expectDocumented(
      'workPlans_create',
      await t.admin.post('/api/work-plans').send({ bodyId: body.id, title: { en: 'Work plan 2020' }, period: '2020' }),
    );
    expectDocumented('workPlans_update', await t.admin.patch(`/api/work-plans/${plan.id}`).send({ status: 'adopted' }));
    expectDocumented('workPlans_get', await t.admin.get(`/api/work-plans/${plan.id}`));
    expectDocumented('workPlans_list', await t.admin.get('/api/work-plans'));
    const item = (
      await t.admin
        .post(`/api/work-plans/${plan.id}/items`)
        .send({ activity: { en: 'Survey' }, deadline: 'March 2020' })
        .expect(201)
    ).body;
    await t.admin.patch(`/api/work-plan-items/${item.id}`).send({ status: 'done' }).expect(200);
    expectDocumented('workPlanItemChanges_list', await t.admin.get(`/api/work-plan-items/${item.id}/history`));

    const token = expectDocumented(
      'apiTokens_create',
      await t.admin.post('/api/tokens').send({ name: 'dana', role: 'member', memberId: member.id }),
    );
    expectDocumented('apiTokens_list', await t.admin.get('/api/tokens'));
    expectDocumented('apiTokens_revoke', await t.admin.post(`/api/tokens/${token.id}/revoke`));
    expectDocumented('audit_list', await t.admin.get('/api/audit'));
  });
});
