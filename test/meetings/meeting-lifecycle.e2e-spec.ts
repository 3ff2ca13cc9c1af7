import ICAL from 'ical.js';
import { addMembership, createBody, createMember, createOrganization, meetingHasBegun } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/** The instant a calendar part's DTSTART stands for, resolved through its own VTIMEZONE. */
function calendarStart(ics: string): { start: string; sequence: number; method: string; status: string | null } {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const zone of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const event = new ICAL.Event(component.getFirstSubcomponent('vevent')!);
  return {
    start: event.startDate.toJSDate().toISOString(),
    sequence: event.sequence,
    method: String(component.getFirstPropertyValue('method')),
    status: (component.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status') as string | null) ?? null,
  };
}

describe('a meeting from tentative dates to minutes', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let body: { id: string };
  let kz: { id: string; email: string };
  let kg: { id: string; email: string };
  let eu: { id: string; email: string };
  let uzSubstitute: { id: string; email: string };
  let wecoop: { id: string };

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'WGECC Secretariat <secretariat@wgecc.test>' });
    body = await createBody(t, { timeZone: 'Asia/Almaty' });
    kz = await createMember(t, {
      fullName: 'Айгерим Садыкова',
      email: 'kz@example.org',
      countryCode: 'KZ',
      language: 'kk',
      timeZone: 'Asia/Almaty',
    });
    kg = await createMember(t, {
      fullName: 'Бакыт Исаев',
      email: 'kg@example.org',
      countryCode: 'KG',
      language: 'ru',
      timeZone: 'Asia/Bishkek',
    });
    eu = await createMember(t, {
      fullName: 'Anna Schmidt',
      email: 'eu@example.org',
      countryCode: 'EU',
      language: 'en',
      timeZone: 'Europe/Brussels',
    });
    uzSubstitute = await createMember(t, {
      fullName: 'Шерзод Каримов',
      email: 'uz@example.org',
      countryCode: 'UZ',
      language: 'ru',
      timeZone: 'Asia/Tashkent',
    });
    for (const m of [kz, kg, eu]) await addMembership(t, body.id, { memberId: m.id, startDate: '2018-01-01' });
    wecoop = await createOrganization(t, { name: { en: 'WECOOP 3' }, kind: 'project', countryCode: null });
    await t.admin
      .post('/api/work-plans')
      .send({ bodyId: body.id, title: { en: 'Work plan 2020' }, period: '2020' })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('goes through poll → confirm → invitations → answers → a time change → attendance → minutes', async () => {
    // A tentative meeting with three options, one of them written as people write dates.
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          number: 9,
          title: { en: '9th meeting of the WGECC', ru: '9-е заседание РГОСИК' },
          timeZone: 'Europe/Brussels',
          location: { city: 'Brussels', countryCode: 'BE' },
        })
        .expect(201)
    ).body;
    expect(meeting).toMatchObject({ status: 'tentative', startsAt: null, sequence: 0 });
    const optionA = (
      await t.admin
        .post(`/api/meetings/${meeting.id}/date-options`)
        .send({ startsAt: '2030-11-28T10:00:00+01:00', endsAt: '2030-11-29T17:00:00+01:00', label: 'End of November' })
        .expect(201)
    ).body;
    const optionB = (
      await t.admin
        .post(`/api/meetings/${meeting.id}/date-options`)
        .send({ startsAt: '2030-12-03T10:00:00+01:00', endsAt: '2030-12-04T17:00:00+01:00', label: 'Early December' })
        .expect(201)
    ).body;
    const optionC = (
      await t.admin
        .post(`/api/meetings/${meeting.id}/date-options`)
        .send({ text: 'февраль 2031', label: 'February' })
        .expect(201)
    ).body;
    expect(optionC.windows).toEqual([expect.objectContaining({ start: '2031-02-01', end: '2031-02-28' })]);

    // The poll goes to everyone serving in the body, in their own language.
    await t.admin
      .post(`/api/meetings/${meeting.id}/poll`)
      .send({ fromBody: true, closesAt: '2030-10-15T18:00:00+05:00' })
      .expect(200);
    await waitFor(() => smtp.messages.length >= 3, { what: 'three poll emails' });
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['eu@example.org', 'kg@example.org', 'kz@example.org']);
    expect(smtp.to('kg@example.org')[0].subject).toMatch(/[а-яё]/i);
    expect(smtp.to('eu@example.org')[0].parsed.text).toContain('Early December');
    const chases = await t.admin.get(`/api/notifications?subjectId=${meeting.id}&kind=poll-chase`).expect(200);
    expect(chases.body.items.map((n: { dueAt: string; status: string }) => [n.dueAt, n.status])).toEqual(
      Array(3).fill(['2030-10-12T13:00:00.000Z', 'scheduled']),
    );

    // Answers, including a changed mind; the matrix counts people and countries.
    const answer = (option: string, member: string, value: string) =>
      t.admin.put(`/api/meetings/${meeting.id}/date-options/${option}/answers/${member}`).send({ answer: value });
    await answer(optionA.id, kz.id, 'no').expect(200);
    await answer(optionB.id, kz.id, 'yes').expect(200);
    await answer(optionB.id, kg.id, 'if_need_be').expect(200);
    await answer(optionB.id, eu.id, 'no').expect(200);
    await answer(optionB.id, eu.id, 'yes').expect(200);
    await answer(optionA.id, uzSubstitute.id, 'yes').expect(409);
    const poll = (await t.admin.get(`/api/meetings/${meeting.id}/poll`).expect(200)).body;
    const b = poll.options.find((o: { id: string }) => o.id === optionB.id);
    expect(b).toMatchObject({ yes: 2, ifNeedBe: 1, no: 0, canCome: 3, countriesCanCome: ['EU', 'KG', 'KZ'] });
    expect(poll.participants.find((p: { memberId: string }) => p.memberId === eu.id).answers[optionB.id]).toBe('yes');
    expect(poll.byCountry.find((c: { countryCode: string }) => c.countryCode === 'KZ')).toMatchObject({
      participants: 1,
      answered: 1,
    });

    // Confirming sends the invitations with a calendar REQUEST at SEQUENCE 0; the poll chase is no longer sent.
    smtp.clear();
    const confirmed = (
      await t.admin.post(`/api/meetings/${meeting.id}/confirm`).send({ dateOptionId: optionB.id }).expect(200)
    ).body;
    expect(confirmed).toMatchObject({
      status: 'scheduled',
      startsAt: '2030-12-03T09:00:00.000Z',
      local: { startsAt: '2030-12-03T10:00:00+01:00' },
    });
    await waitFor(() => smtp.messages.length >= 3, { what: 'three invitations' });
    const invitation = smtp.to('kg@example.org')[0];
    expect(invitation.calendarMethod).toBe('REQUEST');
    expect(calendarStart(invitation.calendar!)).toMatchObject({
      start: '2030-12-03T09:00:00.000Z',
      sequence: 0,
      method: 'REQUEST',
    });
    expect(invitation.calendar).toContain('ATTENDEE');
    expect(invitation.parsed.text).toContain('15:00'); // 09:00 UTC in Bishkek (UTC+6)
    expect(invitation.messageId).toMatch(/^<n\.[0-9a-f-]{36}\.[0-9a-f]{8}@wgecc\.test>$/);
    await t.admin.post(`/api/meetings/${meeting.id}/confirm`).send({ dateOptionId: optionA.id }).expect(409);
    await t.admin.post(`/api/meetings/${meeting.id}/poll`).send({ fromBody: true }).expect(409);

    // A fourth participant is invited directly; answers come in, one by phone, one delegated.
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [uzSubstitute.id] })
      .expect(200);
    await waitFor(() => smtp.to('uz@example.org').length === 1, { what: 'the direct invitation' });
    await t.admin.put(`/api/meetings/${meeting.id}/invitations/${kz.id}`).send({ response: 'accepted' }).expect(200);
    await t.admin
      .put(`/api/meetings/${meeting.id}/invitations/${kg.id}`)
      .send({ response: 'declined', note: 'by phone' })
      .expect(200);
    const delegated = await t.admin
      .put(`/api/meetings/${meeting.id}/invitations/${eu.id}`)
      .send({ response: 'delegated', delegateMemberId: uzSubstitute.id })
      .expect(200);
    expect(delegated.body).toMatchObject({
      response: 'delegated',
      delegate: { id: uzSubstitute.id },
      respondedVia: 'secretariat',
    });
    await t.admin
      .put(`/api/meetings/${meeting.id}/invitations/${uzSubstitute.id}`)
      .send({ response: 'delegated' })
      .expect(400);
    const representation = (await t.admin.get(`/api/meetings/${meeting.id}/representation`).expect(200)).body;
    expect(representation.byCountry.find((c: { countryCode: string }) => c.countryCode === 'KZ')).toMatchObject({
      invited: 1,
      accepted: 1,
    });
    expect(representation.flags).toEqual(
      expect.arrayContaining([
        { countryCode: 'KG', flag: 'nobody_accepted', reason: 'declined' },
        { countryCode: 'TJ', flag: 'nobody_invited', reason: 'nobody_invited' },
      ]),
    );

    // Moving the meeting sends updates at SEQUENCE 1 to those who did not decline.
    smtp.clear();
    const moved = (
      await t.admin
        .patch(`/api/meetings/${meeting.id}`)
        .send({ startsAt: '2030-12-10T10:00:00+01:00', endsAt: '2030-12-11T17:00:00+01:00' })
        .expect(200)
    ).body;
    expect(moved.sequence).toBe(1);
    await waitFor(() => smtp.messages.length >= 3, { what: 'three updates' });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['eu@example.org', 'kz@example.org', 'uz@example.org']);
    const update = smtp.to('kz@example.org')[0];
    expect(calendarStart(update.calendar!)).toMatchObject({
      start: '2030-12-10T09:00:00.000Z',
      sequence: 1,
      method: 'REQUEST',
    });
    expect(update.parsed.html).toContain('Brussels');

    // Attendance (from the meeting's first day), then minutes with an action item that becomes a work-plan item on approval.
    await meetingHasBegun(t, meeting.id);
    await t.admin
      .put(`/api/meetings/${meeting.id}/attendance`)
      .send({
        records: [
          { memberId: kz.id, attended: true },
          { memberId: uzSubstitute.id, attended: true },
          { memberId: eu.id, attended: false },
        ],
      })
      .expect(200);
    await t.admin.patch(`/api/meetings/${meeting.id}`).send({ status: 'held' }).expect(200);
    const minutes = await t.admin
      .put(`/api/meetings/${meeting.id}/minutes`)
      .send({
        text: 'The meeting opened at 10:00.',
        decisions: [
          { text: 'Adopt the agenda.' },
          {
            text: 'Prepare the 2031 work plan.',
            actionItems: [
              {
                activity: 'Подготовить проект рабочего плана на 2031 год',
                deadline: 'Февраль 2031',
                executor: wecoop.id,
                responsibleMemberIds: [kz.id],
              },
            ],
          },
        ],
      })
      .expect(200);
    expect(minutes.body.decisions.map((d: { label: string }) => d.label)).toEqual(['9/1', '9/2']);
    smtp.clear();
    const approved = (await t.admin.post(`/api/meetings/${meeting.id}/minutes/approve`).send({}).expect(200)).body;
    expect(approved.status).toBe('approved');
    const itemId = approved.decisions[1].workPlanItemIds[0];
    const item = (await t.admin.get(`/api/work-plan-items/${itemId}`).expect(200)).body;
    expect(item).toMatchObject({
      meetingId: meeting.id,
      activity: { ru: 'Подготовить проект рабочего плана на 2031 год' },
      deadline: { text: 'Февраль 2031' },
      executor: { id: wecoop.id },
      responsibleMemberIds: [kz.id],
    });
    expect(item.notes).toContain('Decision 9/2');
    await waitFor(() => smtp.messages.length >= 3, { what: 'minutes-available emails' });
    expect(smtp.messages.every((m) => !m.to.includes('kg@example.org'))).toBe(true);
    await t.admin.put(`/api/meetings/${meeting.id}/minutes`).send({ text: 'rewrite' }).expect(409);

    const log = (await t.admin.get(`/api/notifications?subjectId=${meeting.id}&limit=100`).expect(200)).body;
    expect(log.items.filter((n: { status: string }) => n.status === 'failed')).toEqual([]);
    expect(
      log.items
        .filter((n: { kind: string; status: string }) => n.kind === 'poll-chase')
        .every((n: { status: string }) => n.status === 'cancelled' || n.status === 'skipped'),
    ).toBe(true);
  }, 60_000);
});
