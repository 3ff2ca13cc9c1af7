import ExcelJS from 'exceljs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createBody, createWorkPlan, uploadTable } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { deflatedPieces, sheetRow, workbookAround, worksheetXml } from '../support/zip-writer';

const MB = 1024 * 1024;

describe('hostile work-plan imports', () => {
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
  const exportCsv = async (planId: string) => {
    const res = await t.admin.get(`/api/work-plans/${planId}/export?format=csv`).expect(200);
    return res.text ?? res.body.toString();
  };

  /** The slowest of /health/live's answers while `until()` is false. */
  async function slowestLiveness(until: () => boolean): Promise<number> {
    let slowest = 0;
    while (!until()) {
      const asked = performance.now();
      await t.anonymous.get('/health/live').expect(200);
      slowest = Math.max(slowest, performance.now() - asked);
    }
    return slowest;
  }

  /**
   * Runs `work` while asking /health/live again and again. Liveness rather than readiness: it measures
   * this process alone, not the shared database's load. `addedDelay` is how much slower the slowest
   * answer was than the slowest of an idle spell just before (the machine's own noise); `blocked` is
   * the longest the event loop was held, the cause a slow answer would have: the precise measure,
   * held to 200 ms, while answers may also wait for the CPU on a loaded machine.
   */
  async function healthDuring<T>(
    work: PromiseLike<T>,
  ): Promise<{ result: T; addedDelay: number; blocked: number; took: number }> {
    const idleUntil = performance.now() + 300;
    const idleSlowest = await slowestLiveness(() => performance.now() > idleUntil);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    let done = false;
    const finished = Promise.resolve(work).finally(() => {
      done = true;
    });
    const probes = slowestLiveness(() => done);
    const result = await finished;
    const took = performance.now() - started;
    const slowest = await probes;
    loop.disable();
    return { result, addedDelay: slowest - idleSlowest, blocked: loop.max / 1e6, took };
  }

  /** 300 MB of one repeated letter in a single cell: a few hundred kilobytes packed. */
  const bombSheet = () =>
    deflatedPieces(
      'xl/worksheets/sheet1.xml',
      worksheetXml(
        (function* () {
          yield sheetRow(1, ['activity', 'deadline', 'executor']);
          yield '<row r="2"><c r="A2" t="inlineStr"><is><t>';
          const piece = 'A'.repeat(MB);
          for (let i = 0; i < 300; i++) yield piece;
          yield '</t></is></c></row>';
        })(),
      ),
    );

  describe('an XLSX zip bomb', () => {
    it.each([
      ['declares its size honestly', false, false],
      ['declares its size honestly, in a dry run', false, true],
      ['lies about its size in the zip directory', true, false],
    ])(
      'that %s is refused at once, while the service keeps answering and its memory stays put',
      async (_case, lies, dryRun) => {
        const planId = await newPlan();
        const sheet = await bombSheet();
        const bomb = workbookAround(lies ? { ...sheet, declaredSize: 2 * MB } : sheet);
        expect(bomb.length).toBeLessThan(2 * MB);
        global.gc?.();
        const rssBefore = process.memoryUsage().rss;

        const { result, addedDelay, blocked, took } = await healthDuring(upload(planId, bomb, 'plan.xlsx', dryRun));

        expect(result.status).toBe(413);
        expect(result.body).toMatchObject({
          statusCode: 413,
          message: [{ field: 'file', message: expect.stringContaining('more than 50 MB') }],
        });
        expect(took).toBeLessThan(1000);
        expect(addedDelay).toBeLessThan(500);
        expect(blocked).toBeLessThan(200);
        expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * MB);
        expect(
          (
            await t.dataSource.query('SELECT count(*)::int AS n FROM work_plan_item WHERE work_plan_id = $1', [planId])
          )[0].n,
        ).toBe(0);
      },
      60_000,
    );
  });

  it('refuses a workbook of 25,000 rows at the row limit without reading the rest', async () => {
    const planId = await newPlan();
    const rows = function* () {
      yield sheetRow(1, ['activity', 'deadline', 'executor']);
      for (let line = 2; line <= 25_001; line++) yield sheetRow(line, [`Activity ${line}`, 'Февраль 2019', 'WECOOP 2']);
    };
    const workbook = workbookAround(await deflatedPieces('xl/worksheets/sheet1.xml', worksheetXml(rows())));
    const { result, addedDelay, blocked } = await healthDuring(upload(planId, workbook, 'plan.xlsx', true));
    expect(result.status).toBe(413);
    expect(addedDelay).toBeLessThan(500);
    expect(blocked).toBeLessThan(200);
    expect(result.body.message).toEqual([{ field: 'file', message: expect.stringContaining('more than 20,000 rows') }]);
  }, 60_000);

  it('reads a workbook whose own structure it did not write (inline strings, numbers, row gaps)', async () => {
    const planId = await newPlan();
    const sheet = [
      sheetRow(1, ['activity', 'deadline', 'executor']),
      sheetRow(3, ['Training &amp; workshop', 'Март 2019', 'WECOOP 2']),
      '<row r="4"><c r="A4" t="inlineStr"><is><t>Visit</t></is></c><c r="B4"><v>2019</v></c></row>',
    ];
    const res = await upload(
      planId,
      workbookAround(await deflatedPieces('xl/worksheets/sheet1.xml', worksheetXml(sheet))),
      'plan.xlsx',
      true,
    ).expect(200);
    expect(res.body.rows.map((r: { line: number; activity: object }) => [r.line, r.activity])).toEqual([
      [3, { en: 'Training & workshop' }],
      [4, { en: 'Visit' }],
    ]);
    expect(res.body.rows[1].deadline.text).toBe('2019');
  });

  it('reads a date a spreadsheet keeps as a number in a deadline cell as that date', async () => {
    const planId = await newPlan();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Plan');
    sheet.addRow(['activity', 'deadline', 'executor']);
    sheet.addRow(['Report', new Date(Date.UTC(2019, 2, 31)), 'WECOOP 2']);
    sheet.getCell('B2').numFmt = 'dd.mm.yyyy';
    sheet.addRow(['Seminar', new Date(Date.UTC(2019, 5, 15)), 'WECOOP 2']);
    const res = await upload(planId, Buffer.from(await workbook.xlsx.writeBuffer()), 'plan.xlsx', true).expect(200);
    expect(
      res.body.rows.map((r: { deadline: { text: string; windows: object[] } }) => [
        r.deadline.text,
        r.deadline.windows,
      ]),
    ).toEqual([
      ['2019-03-31', [expect.objectContaining({ start: '2019-03-31', end: '2019-03-31' })]],
      ['2019-06-15', [expect.objectContaining({ start: '2019-06-15', end: '2019-06-15' })]],
    ]);
  });

  it('refuses a CSV of 100,000 rows at the row limit while the service keeps answering', async () => {
    const planId = await newPlan();
    const lines = ['activity,deadline,executor'];
    for (let i = 0; i < 100_000; i++) lines.push(`Activity ${i},Февраль 2019,WECOOP 2`);
    const { result, addedDelay, blocked } = await healthDuring(upload(planId, lines.join('\n'), 'plan.csv', true));
    expect(result.status).toBe(413);
    expect(addedDelay).toBeLessThan(500);
    expect(blocked).toBeLessThan(200);
    expect(result.body.message).toEqual([{ field: 'file', message: expect.stringContaining('more than 20,000 rows') }]);
  }, 60_000);

  it('checks a file of 20,000 rows, the most it takes, while the service keeps answering', async () => {
    const planId = await newPlan();
    const lines = ['activity,deadline,executor'];
    for (let i = 0; i < 20_000; i++)
      lines.push(
        `Activity ${i},${['Февраль 2019', 'Q3 2019', 'end of November 2019', '[по запросу]'][i % 4]},WECOOP 2`,
      );
    // The report (megabytes of JSON) is read after the measurement: this test process is also the client.
    const { result, addedDelay, blocked } = await healthDuring(
      upload(planId, lines.join('\n'), 'plan.csv', true)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        }),
    );
    expect(result.status).toBe(200);
    expect(JSON.parse(String(result.body)).summary).toMatchObject({ rows: 20_000, valid: 20_000, invalid: 0 });
    expect(addedDelay).toBeLessThan(500);
    expect(blocked).toBeLessThan(200);
  }, 120_000);

  it('refuses a file over the 10 MB upload limit before reading it as a table', async () => {
    const planId = await newPlan();
    const res = await upload(planId, Buffer.alloc(10 * MB + 1, 'a'), 'plan.csv', true);
    expect(res.status).toBe(413);
  });

  it.each([
    [
      'a form cut off in the middle',
      '--cut\r\nContent-Disposition: form-data; name="file"; filename="plan.csv"\r\n\r\nactivity,deadline\n',
    ],
    ['a part with a malformed header', '--cut\r\nContent-Disposition form-data broken\r\n\r\nx\r\n--cut--\r\n'],
  ])('answers %s with 400, not 500', async (_case, body) => {
    const planId = await newPlan();
    const res = await t.admin
      .post(`/api/work-plans/${planId}/import?dryRun=true`)
      .set('Content-Type', 'multipart/form-data; boundary=cut')
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/^Multipart: /) });
  });

  it('refuses a NUL character already in the dry run, naming its line and column, and the real import with 422', async () => {
    const planId = await newPlan();
    const csv =
      'activity,deadline,executor,notes\nGood,Март 2019,WECOOP 2,\nBad,Май 2019,WECOOP 2,"before\u0000after"\nWorse\u0000,Май 2019,WECOOP 2,\n';
    const dry = await upload(planId, csv, 'plan.csv', true).expect(200);
    expect(dry.body.summary).toMatchObject({ rows: 3, valid: 1, invalid: 2 });
    expect(dry.body.rows[1]).toMatchObject({
      line: 3,
      errors: [{ field: 'notes', message: expect.stringContaining('NUL character') }],
    });
    expect(dry.body.rows[2]).toMatchObject({
      line: 4,
      errors: [{ field: 'activity', message: expect.stringContaining('NUL character') }],
    });
    const real = await upload(planId, csv).expect(422);
    expect(real.body.details.rows.map((r: { line: number }) => r.line)).toEqual([3, 4]);
  });

  it('answers a NUL character that reaches the database through the API with 400, not 500', async () => {
    const planId = await newPlan();
    for (const payload of [
      { activity: { en: 'Nul\u0000in JSON' } },
      { activity: { en: 'Plain' }, notes: 'Nul\u0000in text' },
    ]) {
      const res = await t.admin.post(`/api/work-plans/${planId}/items`).send({ deadline: 'Май 2019', ...payload });
      expect(res.status).toBe(400);
    }
  });

  describe('the CSV round trip', () => {
    const tricky = ["'=x", "'plain quote", '=1+1', '+7 701', '-minus', '@user', '\tTab first', "''=double", "'"];

    it('export → import → export gives every cell back, whatever it starts with', async () => {
      const planId = await newPlan();
      for (const text of tricky) {
        await t.admin
          .post(`/api/work-plans/${planId}/items`)
          .send({ activity: { en: text, ru: `ru ${text}` }, deadline: 'Май 2019', notes: text })
          .expect(201);
      }
      const first = await exportCsv(planId);
      const copy = await newPlan();
      await upload(copy, first).expect(200);
      const items = (await t.admin.get(`/api/work-plan-items?workPlanId=${copy}&limit=50`).expect(200)).body.items as {
        activity: { en: string };
        notes: string;
      }[];
      expect(items.map((i) => i.activity.en).sort()).toEqual([...tricky].sort());
      expect(items.map((i) => i.notes).sort()).toEqual([...tricky].sort());
      expect(await exportCsv(copy)).toBe(first);
    });

    it('keeps an apostrophe typed in a table the export did not write', async () => {
      const planId = await newPlan();
      await upload(planId, "activity,deadline,notes\n'=x,Май 2019,'@home\n").expect(200);
      const [item] = (await t.admin.get(`/api/work-plan-items?workPlanId=${planId}`).expect(200)).body.items;
      expect([item.activity.en, item.notes]).toEqual(["'=x", "'@home"]);
    });
  });
});
