import { SecretariatDigestPlanner } from '../../src/reminders/secretariat-digest.planner';
import { addMembership, createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const seconds = (n: number) => new Promise((r) => setTimeout(r, n * 1000));
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('the reminder engine', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let body: { id: string };

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, RETRY_BASE_MS: '300', RECONCILE_EVERY_MS: '1000' });
    body = await createBody(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.respondWith(() => undefined));

  const notifications = async (query: string) =>
    (await t.admin.get(`/api/notifications?limit=200&${query}`).expect(200)).body.items as {
      id: string;
      kind: string;
      status: string;
      dueAt: string;
      attempts: number;
      lastError: string | null;
      messageId: string | null;
      recipientId: string;
    }[];

  it('plans the default reminders at 09:00 in each reader zone, and chases only those who have not answered', async () => {
    const almaty = await createMember(t, { email: 'almaty@example.org', timeZone: 'Asia/Almaty' });
    const brussels = await createMember(t, {
      email: 'brussels@example.org',
      timeZone: 'Europe/Brussels',
      language: 'en',
    });
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          title: { en: 'WG' },
          timeZone: 'Europe/Brussels',
          startsAt: '2031-06-20T10:00:00+02:00',
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [almaty.id, brussels.id] })
      .expect(200);
    await t.admin
      .put(`/api/meetings/${meeting.id}/invitations/${brussels.id}`)
      .send({ response: 'accepted' })
      .expect(200);
    const rows = await notifications(`subjectId=${meeting.id}`);
    const planned = (recipient: string, kind: string) =>
      rows
        .filter((r) => r.recipientId === recipient && r.kind === kind && r.status === 'scheduled')
        .map((r) => r.dueAt)
        .sort();
    expect(planned(almaty.id, 'meeting-reminder')).toEqual([
      '2031-05-21T04:00:00.000Z',
      '2031-06-13T04:00:00.000Z',
      '2031-06-19T04:00:00.000Z',
    ]);
    expect(planned(brussels.id, 'meeting-reminder')).toEqual([
      '2031-05-21T07:00:00.000Z',
      '2031-06-13T07:00:00.000Z',
      '2031-06-19T07:00:00.000Z',
    ]);
    expect(planned(almaty.id, 'meeting-rsvp-chase')).toEqual(['2031-06-06T04:00:00.000Z', '2031-06-17T04:00:00.000Z']);
    expect(planned(brussels.id, 'meeting-rsvp-chase')).toEqual([]);
    await t.admin
      .put(`/api/meetings/${meeting.id}/invitations/${almaty.id}`)
      .send({ response: 'declined' })
      .expect(200);
    const after = await notifications(`subjectId=${meeting.id}&recipientId=${almaty.id}&status=scheduled`);
    expect(after.filter((r) => r.kind !== 'meeting-invitation')).toEqual([]);
  });

  it('sends the reminders of a meeting moved twice only for its final time', async () => {
    const member = await createMember(t, { email: 'moved@example.org', language: 'en', timeZone: 'Asia/Almaty' });
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'technical',
          title: { en: 'Moving meeting' },
          timeZone: 'Asia/Almaty',
          startsAt: isoIn(60_000),
          reminderOffsets: ['PT58S'],
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    await waitFor(() => smtp.to('moved@example.org').length === 1, { what: 'the invitation' });
    await t.admin
      .patch(`/api/meetings/${meeting.id}`)
      .send({ startsAt: isoIn(120_000) })
      .expect(200);
    const finalStart = isoIn(62_000);
    await t.admin.patch(`/api/meetings/${meeting.id}`).send({ startsAt: finalStart }).expect(200);
    await waitFor(
      () =>
        smtp
          .to('moved@example.org')
          .some((m) => m.parsed.headers.get('x-wgs-notification') && /remind/i.test(m.subject + m.parsed.text)),
      { what: 'the reminder', timeout: 20_000 },
    );
    await seconds(3);
    const mails = smtp.to('moved@example.org');
    const reminders = (await notifications(`subjectId=${meeting.id}&kind=meeting-reminder`)).filter(
      (r) => r.status === 'sent',
    );
    expect(reminders).toHaveLength(1);
    expect(mails.filter((m) => m.messageId === reminders[0].messageId)).toHaveLength(1);
    const cancelled = (await notifications(`subjectId=${meeting.id}&kind=meeting-reminder`)).filter(
      (r) => r.status === 'cancelled',
    );
    expect(cancelled).toHaveLength(2);
    // invitation, two updates, one reminder: nothing stale
    expect(mails.map((m) => m.parsed.headers.get('x-wgs-notification'))).toHaveLength(4);
  }, 40_000);

  it('sends nothing more for an item once it is done', async () => {
    const member = await createMember(t, { email: 'item@example.org', timeZone: 'Asia/Almaty' });
    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Plan' }, period: 'now' })
        .expect(201)
    ).body;
    const today = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const make = async () =>
      (
        await t.admin
          .post(`/api/work-plans/${plan.id}/items`)
          .send({ activity: { en: 'Report' }, deadline: today, responsibleMemberIds: [member.id] })
          .expect(201)
      ).body;
    const done = await make();
    const open = await make();
    const lead = Math.floor((new Date(done.deadline.dueAt).getTime() - Date.now()) / 1000) - 3;
    await t.admin
      .patch(`/api/work-plan-items/${done.id}`)
      .send({ reminderOffsets: [`PT${lead}S`] })
      .expect(200);
    await t.admin
      .patch(`/api/work-plan-items/${open.id}`)
      .send({ reminderOffsets: [`PT${lead}S`] })
      .expect(200);
    await t.admin.patch(`/api/work-plan-items/${done.id}`).send({ status: 'done' }).expect(200);
    await waitFor(
      async () => (await notifications(`subjectId=${open.id}&kind=item-due-soon`)).some((r) => r.status === 'sent'),
      { what: 'the open item reminder', timeout: 15_000 },
    );
    await seconds(1);
    const doneRows = await notifications(`subjectId=${done.id}`);
    expect(doneRows.filter((r) => r.status === 'sent')).toEqual([]);
    expect(doneRows.filter((r) => r.status === 'scheduled')).toEqual([]);
    expect(doneRows.some((r) => r.status === 'cancelled')).toBe(true);
  }, 30_000);

  it('retries a 451 and sends the email once; a 550 fails after one try and is visible', async () => {
    const soft = await createMember(t, { email: 'soft@example.org' });
    const hard = await createMember(t, { email: 'hard@example.org' });
    let softRefusals = 0;
    smtp.respondWith(({ to }) => {
      if (to.includes('soft@example.org') && softRefusals < 2) {
        softRefusals++;
        return { code: 451, message: 'Try again later' };
      }
      if (to.includes('hard@example.org')) return { code: 550, message: 'No such mailbox' };
      return undefined;
    });
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'workshop',
          title: { en: 'Workshop' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-09-01T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [soft.id, hard.id] })
      .expect(200);
    const row = async (memberId: string) =>
      (await notifications(`subjectId=${meeting.id}&kind=meeting-invitation&recipientId=${memberId}`))[0];
    await waitFor(async () => (await row(soft.id)).status === 'sent', { what: 'the retried email', timeout: 15_000 });
    await waitFor(async () => (await row(hard.id)).status === 'failed', { what: 'the failed email' });
    expect(smtp.to('soft@example.org')).toHaveLength(1);
    expect(await row(soft.id)).toMatchObject({ attempts: 3, status: 'sent' });
    expect(await row(hard.id)).toMatchObject({
      attempts: 1,
      status: 'failed',
      lastError: expect.stringContaining('550'),
    });
    const failed = await notifications('status=failed');
    expect(failed.map((f) => f.recipientId)).toContain(hard.id);

    smtp.respondWith(() => undefined);
    const resent = (await t.admin.post(`/api/notifications/${(await row(hard.id)).id}/resend`).expect(201)).body;
    await waitFor(() => smtp.to('hard@example.org').length === 1, { what: 'the resent email' });
    expect(smtp.to('hard@example.org')[0].messageId).toContain(resent.id);
  }, 30_000);

  it('gathers non-urgent reminders into a daily digest for members who chose one', async () => {
    const member = await createMember(t, {
      email: 'digest@example.org',
      digest: 'daily',
      language: 'ru',
      timeZone: 'Asia/Tashkent',
    });
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'training',
          title: { en: 'Training', ru: 'Тренинг' },
          timeZone: 'Asia/Tashkent',
          startsAt: '2031-10-10T10:00:00+05:00',
          reminderOffsets: ['P30D'],
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    await waitFor(() => smtp.to('digest@example.org').length === 1, { what: 'the invitation (never digested)' });
    // Bring the 30-day reminder forward to now, as if its day had come.
    await t.dataSource.query(
      `UPDATE notification SET due_at = now(), version = version + 1 WHERE subject_id = $1 AND kind = 'meeting-reminder'`,
      [meeting.id],
    );
    await waitFor(
      async () => (await notifications(`subjectId=${meeting.id}&kind=meeting-reminder`))[0]?.status === 'digested',
      { what: 'the reminder to join the digest', timeout: 10_000 },
    );
    const digest = (await notifications(`recipientId=${member.id}&kind=digest`))[0];
    expect(digest.status).toBe('scheduled');
    expect(new Date(digest.dueAt).getUTCHours()).toBe(4); // 09:00 in Tashkent
    await t.dataSource.query('UPDATE notification SET due_at = now(), version = version + 1 WHERE id = $1', [
      digest.id,
    ]);
    await waitFor(() => smtp.to('digest@example.org').length === 2, { what: 'the digest', timeout: 10_000 });
    const mail = smtp.to('digest@example.org')[1];
    expect(mail.parsed.text).toContain('Тренинг');
    expect(mail.raw).toMatch(/^List-Unsubscribe:\s+<http[^>]+\/a\/[^>]+>/m);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
  }, 30_000);

  it('plans the secretariat digest once per week and person, however often the job runs', async () => {
    const secretary = await createMember(t, { email: 'secretariat@example.org', language: 'en' });
    await addMembership(t, body.id, { memberId: secretary.id, role: 'secretariat' });
    const planner = t.app.get(SecretariatDigestPlanner);
    await Promise.all([planner.planWeek(), planner.planWeek(), planner.planWeek()]);
    await waitFor(() => smtp.to('secretariat@example.org').length === 1, { what: 'the secretariat digest' });
    await seconds(1);
    expect(smtp.to('secretariat@example.org')).toHaveLength(1);
    expect(smtp.to('secretariat@example.org')[0].parsed.text).toMatch(/fail/i);
  }, 20_000);

  it('refuses bad offsets and preferences field by field', async () => {
    const bad = await t.admin
      .post('/api/meetings')
      .send({
        bodyId: body.id,
        kind: 'technical',
        title: { en: 'x' },
        timeZone: 'Asia/Almaty',
        reminderOffsets: ['P1M', '14 days'],
      })
      .expect(400);
    expect(bad.body.message[0]).toMatchObject({
      field: 'reminderOffsets',
      message: expect.stringContaining('ISO 8601'),
    });
    await t.admin
      .patch(`/api/bodies/${body.id}`)
      .send({ reminderOffsets: { meetings: ['P7D'], items: ['yesterday'] } })
      .expect(400);
    const ok = await t.admin
      .patch(`/api/bodies/${body.id}`)
      .send({ reminderOffsets: { meetings: ['P7D', 'PT2H'], items: ['P3D'] } })
      .expect(200);
    expect(ok.body.reminderOffsets).toEqual({ meetings: ['P7D', 'PT2H'], items: ['P3D'] });
    const member = await createMember(t);
    const digest = await t.admin.patch(`/api/members/${member.id}`).send({ digest: 'hourly' }).expect(400);
    expect(digest.body.message[0].field).toBe('digest');
    await t.admin.get('/api/notifications?status=lost').expect(400);
    await t.admin.get('/api/notifications?from=yesterday').expect(400);
  });
});
