import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';
import { createBody, createMember, createWorkPlan, uploadTable } from '../support/factories';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', name));

describe('work-plan import and export', () => {
  let t: TestApp;
  let bodyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    bodyId = (await createBody(t)).id;
  });
  afterAll(() => t.close());

  const newPlan = (period = '2019') => createWorkPlan(t, bodyId, period);
  const upload = (planId: string, content: Buffer | string, filename = 'plan.csv', dryRun = false) =>
    uploadTable(t, planId, content, filename, dryRun);
  const countItems = async (planId: string) =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM work_plan_item WHERE work_plan_id = $1', [planId]))[0]
      .n as number;

  it('imports both fixture files without a single error, matching and creating executors', async () => {
    const planId = await newPlan();
    const preview = await upload(planId, fixture('wgecc-work-plan-2019.csv'), 'wgecc-work-plan-2019.csv', true).expect(
      200,
    );
    expect(preview.body.summary).toEqual({ rows: 8, valid: 8, invalid: 0, newExecutors: ['WECOOP 2', 'WECOOP 3'] });
    expect(preview.body.rows[0]).toMatchObject({
      line: 2,
      activity: {
        ru: expect.stringContaining('Подготовка учебного курса'),
        en: expect.stringContaining('Preparation of a training course'),
      },
      deadline: {
        text: 'Февраль 2019',
        kind: 'window',
        windows: [expect.objectContaining({ start: '2019-02-01', end: '2019-02-28' })],
      },
      executor: { name: 'WECOOP 2', match: 'new_organization', id: null },
      errors: [],
    });
    expect(await countItems(planId)).toBe(0);

    const imported = await upload(planId, fixture('wgecc-work-plan-2019.csv')).expect(200);
    expect(imported.body.imported).toBe(8);
    const items = (await t.admin.get(`/api/work-plan-items?workPlanId=${planId}&limit=50`).expect(200)).body.items;
    const ninth = items.find((i: { activity: { en: string } }) => i.activity.en.startsWith('9th meeting'));
    expect(ninth.deadline.kind).toBe('alternatives');
    // "[по запросу]" at the end of an activity marks it on request: never overdue, never reminded.
    const training = items.find((i: { activity: { en: string } }) =>
      i.activity.en.startsWith('Preparation of a training course'),
    );
    expect(training.deadline).toMatchObject({ text: 'Февраль 2019', onRequest: true });
    expect(training.overdue).toBe(false);
    expect(ninth.deadline.onRequest).toBe(false);
    expect(ninth.executor.name.en).toBe('WECOOP 3');

    const second = await newPlan('2018');
    const again = await upload(second, fixture('wgecc-activities-2018.csv'), 'activities.csv', true).expect(200);
    expect(again.body.summary).toMatchObject({ rows: 4, invalid: 0, newExecutors: [] });
    expect(again.body.rows[0].executor).toMatchObject({ match: 'organization', name: 'WECOOP 2' });
    await upload(second, fixture('wgecc-activities-2018.csv'), 'activities.csv').expect(200);
    const organizations = await t.admin.get('/api/organizations?kind=project').expect(200);
    expect(organizations.body.total).toBe(2);
  });

  it('refuses the whole file when one row is bad, listing every bad row with its line', async () => {
    const planId = await newPlan();
    const csv =
      'Мероприятие,Сроки,Исполнитель,countries\n"Good one","Март 2019","WECOOP 2",KZ\n"Bad deadline","когда-нибудь","WECOOP 2",\n"",Май 2019,X,\n"Bad country","Май 2019","WECOOP 2",XX\n';
    const res = await upload(planId, csv).expect(422);
    expect(res.body.message).toBe('3 of 4 rows have errors; nothing was imported');
    expect(
      res.body.details.rows.map((r: { line: number; errors: { field: string }[] }) => [
        r.line,
        r.errors.map((e) => e.field),
      ]),
    ).toEqual([
      [3, ['deadline']],
      [4, ['activity']],
      [5, ['countries']],
    ]);
    expect(await countItems(planId)).toBe(0);
  });

  it('gives clear errors for missing columns, binary files, old .xls and a missing file', async () => {
    const planId = await newPlan();
    const missing = await upload(planId, 'name,when\nx,y\n').expect(422);
    expect(missing.body.message[0]).toMatchObject({
      field: 'file',
      message: expect.stringContaining('lacks the columns activity'),
    });
    const binary = await upload(
      planId,
      Buffer.from([0x00, 0xff, 0x10, 0x81, 0x00, 0x02, 0x98, 0x99, 0x00, 0x81]),
      'plan.csv',
    ).expect(415);
    expect(binary.body.message[0].field).toBe('file');
    await upload(planId, 'x', 'plan.xls').expect(415);
    const broken = await upload(planId, Buffer.from('PK\u0003\u0004 not really a zip'), 'plan.xlsx').expect(415);
    expect(broken.body.message[0].message).toContain('XLSX');
    const none = await t.admin.post(`/api/work-plans/${planId}/import`).expect(400);
    expect(none.body.message[0].field).toBe('file');
    const empty = await upload(planId, '').expect(422);
    expect(empty.body.message[0].message).toContain('empty');
  });

  it('reads Windows-1251, semicolons and UTF-16 as Excel writes them', async () => {
    const planId = await newPlan();
    const text = 'Мероприятие;Сроки;Исполнитель\r\nОбучение специалистов;Октябрь – Декабрь 2018;WECOOP 2\r\n';
    const cp1251 = Buffer.from(
      Array.from(text).map((ch) => {
        const code = ch.charCodeAt(0);
        if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
        if (ch === '–') return 0x96;
        return code;
      }),
    );
    const res = await upload(planId, cp1251, 'plan.csv', true).expect(200);
    expect(res.body.encoding).toBe('windows-1251');
    expect(res.body.rows[0]).toMatchObject({
      activity: { ru: 'Обучение специалистов' },
      deadline: { windows: [expect.objectContaining({ start: '2018-10-01', end: '2018-12-31' })] },
    });

    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('activity\tdeadline\nTraining\tQ3 2019\n', 'utf16le'),
    ]);
    const res16 = await upload(planId, utf16, 'plan.txt', true).expect(200);
    expect(res16.body).toMatchObject({ encoding: 'utf-16le', summary: { valid: 1 } });
  });

  it('keeps formulas as text and exports them escaped, and the export imports back to the same items', async () => {
    const planId = await newPlan();
    const member = await createMember(t, { email: 'focal@example.org' });
    const csv =
      'activity_en,activity_ru,deadline,executor,responsible,countries,topics,status,notes\n' +
      '"=cmd|\' /C calc\'!A0","Обучение","Апрель-июль 2019 [по запросу]","WECOOP 2","focal@example.org","UZ; KZ","air quality","in_progress","@SUM(1)"\n' +
      '"Second","Второе","Конец ноября или начало декабря 2019 или февраль 2020","focal@example.org","","","","done",""\n';
    await upload(planId, csv).expect(200);
    const items = (await t.admin.get(`/api/work-plan-items?workPlanId=${planId}`).expect(200)).body.items;
    const first = items.find((i: { activity: { ru: string } }) => i.activity.ru === 'Обучение');
    expect(first.activity.en).toBe("=cmd|' /C calc'!A0");
    expect(first.notes).toBe('@SUM(1)');
    expect(first.responsibleMembers.map((m: { id: string }) => m.id)).toEqual([member.id]);
    const second = items.find((i: { activity: { ru: string } }) => i.activity.ru === 'Второе');
    expect(second.executor).toMatchObject({ type: 'member', id: member.id });

    const exported = await t.admin.get(`/api/work-plans/${planId}/export?format=csv`).expect(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.headers['content-disposition']).toContain('work-plan-2019.csv');
    const text = exported.text ?? exported.body.toString();
    expect(text.split('\n').some((line: string) => line.startsWith("'=cmd|' /C calc'!A0,"))).toBe(true);
    expect(text).toContain("'@SUM(1)");
    expect(text).toContain('2019-04-01..2019-07-31');

    const copy = await newPlan('copy');
    await upload(copy, Buffer.from(text, 'utf8')).expect(200);
    const summary = (
      list: {
        activity: object;
        deadline: { text: string; windows: object[] };
        executor: { id: string } | null;
        status: string;
        countries: string[];
        topics: string[];
        notes: string | null;
        responsibleMemberIds: string[];
      }[],
    ) =>
      list
        .map((i) => [
          i.activity,
          i.deadline.text,
          i.deadline.windows,
          i.executor?.id ?? null,
          i.status,
          i.countries,
          i.topics,
          i.notes,
          i.responsibleMemberIds,
        ])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const copied = (await t.admin.get(`/api/work-plan-items?workPlanId=${copy}`).expect(200)).body.items;
    expect(summary(copied)).toEqual(summary(items));
  });

  it('exports XLSX that imports back, and reads XLSX uploads', async () => {
    const planId = await newPlan();
    await upload(planId, fixture('wgecc-activities-2018.csv')).expect(200);
    const exported = await t.admin
      .get(`/api/work-plans/${planId}/export?format=xlsx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(4).text).toBe('deadline');
    expect(sheet.getRow(2).getCell(4).text).toBe('Октябрь 2018');

    const copy = await newPlan('xlsx');
    const res = await upload(copy, exported.body, 'plan.xlsx').expect(200);
    expect(res.body).toMatchObject({ format: 'xlsx', imported: 4 });
    await t.admin.get(`/api/work-plans/${planId}/export?format=pdf`).expect(400);
  });

  it('imports 10,000 rows in one go', async () => {
    const planId = await newPlan('big');
    const lines = ['activity,deadline,executor'];
    for (let i = 0; i < 10_000; i++)
      lines.push(
        `Activity ${i},${['Февраль 2019', 'Q3 2019', 'end of November 2019', '[по запросу]'][i % 4]},WECOOP 2`,
      );
    const res = await upload(planId, lines.join('\n')).expect(200);
    expect(res.body.imported).toBe(10_000);
    expect(await countItems(planId)).toBe(10_000);
    const positions = await t.dataSource.query(
      'SELECT min(position)::int AS lo, max(position)::int AS hi FROM work_plan_item WHERE work_plan_id = $1',
      [planId],
    );
    expect(positions[0]).toEqual({ lo: 1, hi: 10_000 });
  }, 60_000);
});
