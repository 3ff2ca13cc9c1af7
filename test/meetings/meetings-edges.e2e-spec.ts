import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import { addMembership, createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

function parseCalendar(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const zone of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return component;
}

describe('meetings: cancellations, save the date, calendars, agenda and bad input', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let body: { id: string };
  let a: { id: string; email: string };
  let b: { id: string; email: string };

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    body = await createBody(t);
    a = await createMember(t, { email: 'a@example.org', language: 'en', timeZone: 'Asia/Almaty' });
    b = await createMember(t, { email: 'b@example.org', language: 'ru', timeZone: 'Asia/Tashkent', countryCode: 'UZ' });
    await addMembership(t, body.id, { memberId: a.id });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.clear());

  const createMeeting = async (extra: Record<string, unknown> = {}) =>
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
          ...extra,
        })
        .expect(201)
    ).body;

  it('cancels with a reason: participants get a METHOD:CANCEL and nothing more is sent', async () => {
    const meeting = await createMeeting({ location: { venue: 'CAREC', city: 'Almaty', countryCode: 'kz' } });
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [a.id, b.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length === 2, { what: 'invitations' });
    smtp.clear();
    const cancelled = await t.admin
      .post(`/api/meetings/${meeting.id}/cancel`)
      .send({ reason: 'The venue is closed' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'The venue is closed', sequence: 1 });
    await waitFor(() => smtp.messages.length === 2, { what: 'cancellations' });
    const mail = smtp.to('a@example.org')[0];
    expect(mail.calendarMethod).toBe('CANCEL');
    expect(mail.calendar).toContain('STATUS:CANCELLED');
    expect(mail.parsed.text).toContain('The venue is closed');
    await t.admin
      .post(`/api/meetings/${meeting.id}/confirm`)
      .send({ startsAt: '2031-04-01T10:00:00+05:00' })
      .expect(409);
    await t.admin.patch(`/api/meetings/${meeting.id}`).send({ startsAt: '2031-04-01T10:00:00+05:00' }).expect(409);
    await t.admin.post(`/api/meetings/${meeting.id}/cancel`).send({}).expect(409);
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [a.id] })
      .expect(409);
  });

  it('postpones, then confirms a new date with a higher SEQUENCE', async () => {
    const meeting = await createMeeting();
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [a.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length === 1);
    await t.admin.post(`/api/meetings/${meeting.id}/postpone`).send({ reason: 'Waiting for the ministry' }).expect(200);
    await waitFor(() => smtp.messages.length === 2, { what: 'postponement' });
    expect(smtp.messages[1].calendarMethod).toBe('CANCEL');
    const confirmed = (
      await t.admin
        .post(`/api/meetings/${meeting.id}/confirm`)
        .send({ startsAt: '2031-05-12T10:00:00+05:00', endsAt: '2031-05-12T12:00:00+05:00' })
        .expect(200)
    ).body;
    expect(confirmed).toMatchObject({ status: 'scheduled', sequence: 2 });
    await waitFor(() => smtp.messages.length === 3, { what: 'update after the new date' });
    const event = parseCalendar(smtp.messages[2].calendar!).getFirstSubcomponent('vevent')!;
    expect(new ICAL.Event(event).sequence).toBe(2);
    expect(new ICAL.Event(event).startDate.toJSDate().toISOString()).toBe('2031-05-12T05:00:00.000Z');
  });

  it('sends a save-the-date (STATUS:TENTATIVE) for a tentative meeting with a date, then the confirmation as an update', async () => {
    const meeting = await createMeeting({ status: 'tentative' });
    expect(meeting.status).toBe('tentative');
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [b.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length === 1, { what: 'save the date' });
    expect(smtp.messages[0].calendar).toContain('STATUS:TENTATIVE');
    await t.admin.post(`/api/meetings/${meeting.id}/confirm`).send({}).expect(200);
    await waitFor(() => smtp.messages.length === 2, { what: 'confirmation' });
    expect(smtp.messages[1].calendar).toContain('STATUS:CONFIRMED');
    expect(smtp.messages[1].calendar).toContain('SEQUENCE:1');
  });

  it('gives a substitute their own invitation', async () => {
    const meeting = await createMeeting();
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [a.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length === 1);
    await t.admin
      .put(`/api/meetings/${meeting.id}/invitations/${a.id}`)
      .send({ response: 'delegated', delegateMemberId: b.id })
      .expect(200);
    await waitFor(() => smtp.to('b@example.org').length === 1, { what: "the substitute's invitation" });
    const participants = (await t.admin.get(`/api/meetings/${meeting.id}/invitations`).expect(200)).body;
    expect(participants.map((p: { memberId: string; response: string }) => [p.memberId, p.response]).sort()).toEqual(
      [
        [a.id, 'delegated'],
        [b.id, 'pending'],
      ].sort(),
    );
  });

  it('serves the meeting as .ics and a personal feed that imports, and revokes the feed', async () => {
    const meeting = await createMeeting({
      title: { en: 'Dialogue; Water, Convention', ru: 'Диалог по Водной конвенции' },
    });
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [a.id] })
      .expect(200);
    const file = await t.admin.get(`/api/meetings/${meeting.id}/ics`).expect(200);
    expect(file.headers['content-type']).toContain('text/calendar');
    const event = new ICAL.Event(parseCalendar(file.text).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Dialogue; Water, Convention');
    expect(event.startDate.toJSDate().toISOString()).toBe('2031-03-10T05:00:00.000Z');

    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Plan' }, period: '2031' })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/work-plans/${plan.id}/items`)
      .send({ activity: { en: 'Report on air quality' }, deadline: 'конец марта 2031', responsibleMemberIds: [a.id] })
      .expect(201);
    const { url } = (await t.admin.post(`/api/members/${a.id}/calendar-feed`).expect(201)).body;
    const path = new URL(url).pathname;
    const feed = await t.anonymous.get(path).expect(200);
    const calendar = parseCalendar(feed.text);
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary)).toEqual(
      expect.arrayContaining(['Dialogue; Water, Convention', 'Report on air quality']),
    );
    // The meeting cancelled earlier in this file stays in the feed, marked cancelled, so calendars drop it.
    const statuses = calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('status'));
    expect(statuses).toContain('CANCELLED');
    const deadline = events.find((e) => e.summary === 'Report on air quality')!;
    expect(deadline.startDate.toString()).toBe('2031-03-21');
    expect(deadline.endDate.toString()).toBe('2031-04-01');

    await t.admin.delete(`/api/members/${a.id}/calendar-feed`).expect(204);
    await t.anonymous.get(path).expect(404);
    await t.anonymous.get('/calendar/cal_forged-token-1234567890abcdef.ics').expect(404);
    await t.anonymous.get('/calendar/..%2F..%2Fetc%2Fpasswd').expect(404);
  });

  it('keeps an ordered agenda and reorders it only with every item named once', async () => {
    const meeting = await createMeeting();
    const first = (
      await t.admin
        .post(`/api/meetings/${meeting.id}/agenda`)
        .send({ title: { en: 'Opening' }, durationMinutes: 15 })
        .expect(201)
    ).body;
    const second = (
      await t.admin
        .post(`/api/meetings/${meeting.id}/agenda`)
        .send({
          title: { en: 'Work plan', ru: 'Рабочий план' },
          presenterId: a.id,
          documents: [{ title: 'Draft', url: 'https://docs.example.org/draft.pdf' }],
        })
        .expect(201)
    ).body;
    const third = (
      await t.admin
        .post(`/api/meetings/${meeting.id}/agenda`)
        .send({ title: { en: 'Any other business' } })
        .expect(201)
    ).body;
    const reordered = (
      await t.admin
        .put(`/api/meetings/${meeting.id}/agenda/order`)
        .send({ order: [second.id, first.id, third.id] })
        .expect(200)
    ).body;
    expect(reordered.map((i: { id: string; position: number }) => [i.id, i.position])).toEqual([
      [second.id, 1],
      [first.id, 2],
      [third.id, 3],
    ]);
    const missing = await t.admin
      .put(`/api/meetings/${meeting.id}/agenda/order`)
      .send({ order: [second.id, first.id] })
      .expect(400);
    expect(missing.body.message[0].field).toBe('order');
    await t.admin
      .put(`/api/meetings/${meeting.id}/agenda/order`)
      .send({ order: [second.id, second.id, third.id] })
      .expect(400);
    await t.admin.patch(`/api/meetings/${meeting.id}/agenda/${first.id}`).send({ durationMinutes: 20 }).expect(200);
    await t.admin.delete(`/api/meetings/${meeting.id}/agenda/${second.id}`).expect(204);
    const agenda = (await t.admin.get(`/api/meetings/${meeting.id}/agenda`).expect(200)).body;
    expect(agenda.map((i: { id: string; position: number; durationMinutes: number }) => [i.id, i.position])).toEqual([
      [first.id, 1],
      [third.id, 2],
    ]);
    await t.admin
      .post(`/api/meetings/${meeting.id}/agenda`)
      .send({ title: { en: 'x' }, presenterId: randomUUID() })
      .expect(400);
  });

  it('lists meetings by status, period and participant', async () => {
    const other = await createMeeting({ startsAt: '2032-01-10T10:00:00+05:00', endsAt: '2032-01-10T12:00:00+05:00' });
    await t.admin
      .post(`/api/meetings/${other.id}/invitations`)
      .send({ memberIds: [b.id] })
      .expect(200);
    const ids = async (q: string) =>
      (await t.admin.get(`/api/meetings?${q}`).expect(200)).body.items.map((m: { id: string }) => m.id);
    expect(await ids('from=2032-01-01T00:00:00Z')).toEqual([other.id]);
    expect(await ids(`memberId=${b.id}&from=2032-01-01T00:00:00%2B05:00`)).toEqual([other.id]);
    expect((await ids('to=2032-01-01T00:00:00Z')).includes(other.id)).toBe(false);
    expect((await ids('status=cancelled')).length).toBeGreaterThan(0);
  });

  it('answers bad input with clear 4xx errors', async () => {
    const backwards = await t.admin
      .post('/api/meetings')
      .send({
        bodyId: body.id,
        kind: 'technical',
        title: { en: 'x' },
        timeZone: 'Asia/Almaty',
        startsAt: '2031-03-10T10:00:00+05:00',
        endsAt: '2031-03-10T09:00:00+05:00',
      })
      .expect(400);
    expect(backwards.body.message[0].field).toBe('endsAt');
    const zone = await t.admin
      .post('/api/meetings')
      .send({ bodyId: body.id, kind: 'technical', title: { en: 'x' }, timeZone: 'Central Asia/Almaty' })
      .expect(400);
    expect(zone.body.message[0].field).toBe('timeZone');
    const noOffset = await t.admin
      .post('/api/meetings')
      .send({
        bodyId: body.id,
        kind: 'technical',
        title: { en: 'x' },
        timeZone: 'Asia/Almaty',
        startsAt: '2031-03-10T10:00:00',
      })
      .expect(400);
    expect(noOffset.body.message[0].message).toContain('offset');
    const kind = await t.admin
      .post('/api/meetings')
      .send({ bodyId: body.id, kind: 'party', title: { en: 'x' }, timeZone: 'Asia/Almaty' })
      .expect(400);
    expect(kind.body.message[0].field).toBe('kind');
    await t.admin
      .post('/api/meetings')
      .send({ bodyId: randomUUID(), kind: 'technical', title: { en: 'x' }, timeZone: 'Asia/Almaty' })
      .expect(400);
    await createMeeting({ kind: 'working_group', number: 12 });
    const duplicate = await t.admin
      .post('/api/meetings')
      .send({ bodyId: body.id, kind: 'working_group', number: 12, title: { en: 'again' }, timeZone: 'Asia/Almaty' })
      .expect(409);
    expect(duplicate.body.message[0].field).toBe('number');

    const scheduled = await createMeeting();
    await t.admin
      .post(`/api/meetings/${scheduled.id}/date-options`)
      .send({ startsAt: '2031-03-10T10:00:00+05:00' })
      .expect(409);
    const tentative = (
      await t.admin
        .post('/api/meetings')
        .send({ bodyId: body.id, kind: 'workshop', title: { en: 'Workshop' }, timeZone: 'Asia/Almaty' })
        .expect(201)
    ).body;
    await t.admin.post(`/api/meetings/${tentative.id}/poll`).send({ fromBody: true }).expect(409);
    await t.admin.post(`/api/meetings/${tentative.id}/date-options`).send({}).expect(400);
    await t.admin.post(`/api/meetings/${tentative.id}/date-options`).send({ text: 'когда-нибудь' }).expect(422);
    await t.admin.post(`/api/meetings/${tentative.id}/confirm`).send({}).expect(400);
    await t.admin.post(`/api/meetings/${tentative.id}/invitations`).send({}).expect(400);
    await t.admin
      .post(`/api/meetings/${tentative.id}/invitations`)
      .send({ memberIds: [randomUUID()] })
      .expect(400);
    const option = (
      await t.admin.post(`/api/meetings/${tentative.id}/date-options`).send({ text: 'early June 2031' }).expect(201)
    ).body;
    const vague = await t.admin
      .post(`/api/meetings/${tentative.id}/confirm`)
      .send({ dateOptionId: option.id })
      .expect(400);
    expect(vague.body.message[0].message).toContain('no exact times');
    await t.admin
      .put(`/api/meetings/${tentative.id}/date-options/${option.id}/answers/${a.id}`)
      .send({ answer: 'yes' })
      .expect(409);
    await t.admin
      .put(`/api/meetings/${tentative.id}/date-options/${option.id}/answers/${a.id}`)
      .send({ answer: 'maybe' })
      .expect(400);
    await t.admin
      .put(`/api/meetings/${tentative.id}/date-options/${randomUUID()}/answers/${a.id}`)
      .send({ answer: 'yes' })
      .expect(404);
    await t.admin.put(`/api/meetings/${tentative.id}/invitations/${b.id}`).send({ response: 'accepted' }).expect(409);
    await t.admin
      .put(`/api/meetings/${tentative.id}/attendance`)
      .send({ records: [{ memberId: a.id, attended: true }] })
      .expect(409);
    await t.admin.put(`/api/meetings/${tentative.id}/minutes`).send({ text: 'x' }).expect(409);
    await t.admin.get(`/api/meetings/${tentative.id}/ics`).expect(409);
    await t.admin.get(`/api/meetings/${randomUUID()}`).expect(404);
    await t.admin.get('/api/meetings/not-a-uuid').expect(400);
    await t.admin.patch(`/api/meetings/${scheduled.id}`).send({ status: 'cancelled' }).expect(400);
    const minutes = await t.admin
      .put(`/api/meetings/${scheduled.id}/minutes`)
      .send({ text: 'x', decisions: [{ text: 'd', actionItems: [{ activity: 'a', deadline: 'someday' }] }] })
      .expect(422);
    expect(minutes.body.message[0].field).toBe('decisions.0.actionItems.0.deadline');
  });
});
