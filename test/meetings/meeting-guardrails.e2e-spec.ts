import { addMembership, createBody, createMember, meetingHasBegun } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

interface Row {
  kind: string;
  recipientId: string;
  status: string;
}

describe('meetings: nothing held before its day, and "remind now" to exactly those who have not answered', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let body: { id: string };
  let a: { id: string; email: string };
  let b: { id: string; email: string };
  let c: { id: string; email: string };

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    body = await createBody(t);
    a = await createMember(t, { email: 'a@guard.example.org', language: 'en' });
    b = await createMember(t, { email: 'b@guard.example.org', language: 'ru', countryCode: 'UZ' });
    c = await createMember(t, { email: 'c@guard.example.org', language: 'kk' });
    for (const m of [a, b, c]) await addMembership(t, body.id, { memberId: m.id });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.clear());

  const scheduled = async () =>
    (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'technical',
          title: { en: 'Technical meeting on air quality' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-03-10T10:00:00+05:00',
          endsAt: '2031-03-10T13:00:00+05:00',
          status: 'scheduled',
        })
        .expect(201)
    ).body as { id: string };
  const log = async (meetingId: string, kind: string) =>
    (
      (await t.admin.get(`/api/notifications?subjectId=${meetingId}&kind=${kind}&limit=100`).expect(200)).body
        .items as Row[]
    ).map((n) => n.recipientId);

  it('refuses marking a meeting held, or its attendance, before its first day, naming the field in the reader’s language', async () => {
    const meeting = await scheduled();
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [a.id] })
      .expect(200);
    await waitFor(() => smtp.to(a.email).length === 1, { what: 'the invitation' });
    const held = await t.admin
      .patch(`/api/meetings/${meeting.id}`)
      .set('Accept-Language', 'ru')
      .send({ status: 'held' })
      .expect(409);
    expect(held.body.message).toEqual([
      {
        field: 'status',
        message: 'Состоялось: заседание начинается 10 марта 2031 г.; отметить его состоявшимся можно с этого дня.',
      },
    ]);
    const attendance = await t.admin
      .put(`/api/meetings/${meeting.id}/attendance`)
      .send({ records: [{ memberId: a.id, attended: true }] })
      .expect(409);
    expect(attendance.body.message).toEqual([
      {
        field: 'records',
        message: 'Attendance: the meeting starts on 10 March 2031; who attended can be recorded from that day on.',
      },
    ]);
    expect((await t.admin.get(`/api/meetings/${meeting.id}`).expect(200)).body.status).toBe('scheduled');

    await meetingHasBegun(t, meeting.id);
    await t.admin
      .put(`/api/meetings/${meeting.id}/attendance`)
      .send({ records: [{ memberId: a.id, attended: true }] })
      .expect(200);
    await t.admin.patch(`/api/meetings/${meeting.id}`).send({ status: 'held' }).expect(200);
  });

  it('chases the invitation once, to those invited who have not answered, and refuses a second within the interval', async () => {
    const meeting = await scheduled();
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [a.id, b.id, c.id] })
      .expect(200);
    await waitFor(() => [a, b, c].every((m) => smtp.to(m.email).length === 1), { what: 'three invitations' });
    await t.admin.put(`/api/meetings/${meeting.id}/invitations/${a.id}`).send({ response: 'accepted' }).expect(200);
    await t.admin.put(`/api/meetings/${meeting.id}/invitations/${c.id}`).send({ response: 'declined' }).expect(200);
    smtp.clear();

    const sent = await t.admin.post(`/api/meetings/${meeting.id}/reminders`).send({ about: 'invitation' }).expect(200);
    expect(sent.body).toEqual({ about: 'invitation', memberIds: [b.id] });
    await waitFor(() => smtp.messages.length === 1, { what: 'the chase' });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.map((m) => m.to[0])).toEqual([b.email]);
    expect(smtp.messages[0].parsed.text).toContain('ответ');
    await expect(log(meeting.id, 'meeting-rsvp-chase')).resolves.toContain(b.id);

    const again = await t.admin
      .post(`/api/meetings/${meeting.id}/reminders`)
      .set('Accept-Language', 'en')
      .send({ about: 'invitation' })
      .expect(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(86_000);
    expect(again.body.message[0]).toMatchObject({ field: 'about' });
    expect(again.body.message[0].message).toMatch(
      /^Remind: a reminder went out lately; the next one can be sent in 24 h\.$/,
    );

    // The poll of a scheduled meeting is over: nothing to chase there.
    const closed = await t.admin.post(`/api/meetings/${meeting.id}/reminders`).send({ about: 'poll' }).expect(409);
    expect(closed.body.message).toEqual([{ field: 'about', message: 'Remind: the date poll is not open.' }]);
  });

  it('chases the poll to those who have not answered every date, and nobody once all have', async () => {
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({ bodyId: body.id, kind: 'technical', title: { en: 'Poll meeting' }, timeZone: 'Asia/Almaty' })
        .expect(201)
    ).body as { id: string };
    const option = async (startsAt: string) =>
      (await t.admin.post(`/api/meetings/${meeting.id}/date-options`).send({ startsAt }).expect(201)).body.id as string;
    const first = await option('2031-05-10T10:00:00+05:00');
    const second = await option('2031-05-17T10:00:00+05:00');
    await t.admin
      .post(`/api/meetings/${meeting.id}/poll`)
      .send({ memberIds: [a.id, b.id, c.id] })
      .expect(200);
    await waitFor(() => [a, b, c].every((m) => smtp.to(m.email).length === 1), { what: 'three poll emails' });
    const answer = (option: string, member: string) =>
      t.admin
        .put(`/api/meetings/${meeting.id}/date-options/${option}/answers/${member}`)
        .send({ answer: 'yes' })
        .expect(200);
    await answer(first, a.id);
    await answer(second, a.id);
    await answer(first, b.id);
    smtp.clear();

    const sent = await t.admin.post(`/api/meetings/${meeting.id}/reminders`).send({ about: 'poll' }).expect(200);
    expect([...sent.body.memberIds].sort()).toEqual([b.id, c.id].sort());
    await waitFor(() => smtp.messages.length === 2, { what: 'two chases' });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([b.email, c.email].sort());
    await t.admin.post(`/api/meetings/${meeting.id}/reminders`).send({ about: 'poll' }).expect(429);

    // The invitations of a tentative meeting are not chased.
    const early = await t.admin.post(`/api/meetings/${meeting.id}/reminders`).send({ about: 'invitation' }).expect(409);
    expect(early.body.message[0].field).toBe('about');
  });

  it('refuses bad input naming the field, and a chase with nobody left to remind', async () => {
    const meeting = await scheduled();
    const bad = await t.admin.post(`/api/meetings/${meeting.id}/reminders`).send({ about: 'everyone' }).expect(400);
    expect(bad.body.message).toEqual([{ field: 'about', message: 'about must be one of poll, invitation' }]);
    const missing = await t.admin.post(`/api/meetings/${meeting.id}/reminders`).send({}).expect(400);
    expect(missing.body.message[0].field).toBe('about');
    await t.admin.post('/api/meetings/not-a-meeting/reminders').send({ about: 'poll' }).expect(400);
    await t.admin
      .post('/api/meetings/00000000-0000-4000-8000-000000000000/reminders')
      .send({ about: 'poll' })
      .expect(404);

    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [a.id] })
      .expect(200);
    await t.admin.put(`/api/meetings/${meeting.id}/invitations/${a.id}`).send({ response: 'accepted' }).expect(200);
    const nobody = await t.admin
      .post(`/api/meetings/${meeting.id}/reminders`)
      .set('Accept-Language', 'kk')
      .send({ about: 'invitation' })
      .expect(409);
    expect(nobody.body.message).toEqual([
      { field: 'about', message: 'Еске салу: барлығы жауап берді; еске салатын ешкім жоқ.' },
    ]);
  });

  it('approves minutes into a work plan created with the approval when the body has none, naming the field otherwise', async () => {
    const meeting = await scheduled();
    await meetingHasBegun(t, meeting.id);
    await t.admin
      .put(`/api/meetings/${meeting.id}/minutes`)
      .send({
        text: 'Opened at 10:00.',
        decisions: [
          {
            text: 'A report is prepared.',
            actionItems: [{ activity: 'Draft the report', responsibleMemberIds: [b.id] }],
          },
        ],
      })
      .expect(200);
    const none = await t.admin
      .post(`/api/meetings/${meeting.id}/minutes/approve`)
      .set('Accept-Language', 'ru')
      .send({})
      .expect(409);
    expect(none.body.message).toEqual([
      {
        field: 'workPlanId',
        message: 'Рабочий план: у органа нет открытого рабочего плана для поручений; создайте или выберите план.',
      },
    ]);
    const both = await t.admin
      .post(`/api/meetings/${meeting.id}/minutes/approve`)
      .send({
        workPlanId: '00000000-0000-4000-8000-000000000000',
        newWorkPlan: { title: { en: 'Plan' }, period: '2031' },
      })
      .expect(400);
    expect(both.body.message[0].field).toBe('newWorkPlan');
    const untitled = await t.admin
      .post(`/api/meetings/${meeting.id}/minutes/approve`)
      .send({ newWorkPlan: { period: '2031' } })
      .expect(400);
    expect(untitled.body.message[0].field).toBe('newWorkPlan.title');

    const approved = await t.admin
      .post(`/api/meetings/${meeting.id}/minutes/approve`)
      .send({ newWorkPlan: { title: { en: 'Work plan 2031' }, period: '2031' } })
      .expect(200);
    const plan = (await t.admin.get(`/api/work-plans/${approved.body.workPlanId}`).expect(200)).body;
    expect(plan).toMatchObject({ bodyId: body.id, title: { en: 'Work plan 2031' }, period: '2031', status: 'draft' });
    const items = (await t.admin.get(`/api/work-plan-items?workPlanId=${plan.id}`).expect(200)).body.items;
    expect(items).toMatchObject([{ responsibleMemberIds: [b.id], meetingId: meeting.id }]);
  });
});
