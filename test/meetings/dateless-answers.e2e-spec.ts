import { addMembership, createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { clientWithToken, startTestApp, TestApp } from '../support/test-app';

type Member = { id: string; email: string; fullName: string };

describe('answers to a meeting without a date', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let body: { id: string };
  const people: Record<'yes' | 'maybe' | 'no' | 'silent' | 'early', Member> = {} as never;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    body = await createBody(t, { timeZone: 'Asia/Almaty' });
    const specs = [
      ['yes', 'Anna Schmidt', 'en', 'EU'],
      ['maybe', 'Бакыт Исаев', 'ru', 'KG'],
      ['no', 'Jan Novak', 'en', 'EU'],
      ['silent', 'Dilnoza Yusupova', 'en', 'UZ'],
      ['early', 'Мария Петрова', 'ru', 'KZ'],
    ] as const;
    for (const [key, fullName, language, countryCode] of specs) {
      people[key] = await createMember(t, { fullName, email: `${key}@example.org`, language, countryCode });
      await addMembership(t, body.id, { memberId: people[key].id, startDate: '2018-01-01' });
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function pollMeeting() {
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({ bodyId: body.id, kind: 'working_group', title: { en: 'WG meeting' }, timeZone: 'Asia/Almaty' })
        .expect(201)
    ).body;
    const option = async (startsAt: string, endsAt: string) =>
      (await t.admin.post(`/api/meetings/${meeting.id}/date-options`).send({ startsAt, endsAt }).expect(201)).body;
    const a = await option('2031-03-10T10:00:00+05:00', '2031-03-11T17:00:00+05:00');
    const b = await option('2031-04-14T10:00:00+05:00', '2031-04-15T17:00:00+05:00');
    await t.admin.post(`/api/meetings/${meeting.id}/poll`).send({ fromBody: true }).expect(200);
    await waitFor(() => smtp.messages.length >= 5, { what: 'the poll emails' });
    smtp.clear();
    return { meeting, a, b };
  }

  const invitationOf = async (meetingId: string, memberId: string) =>
    ((await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body as { memberId: string }[]).find(
      (i) => i.memberId === memberId,
    ) as Record<string, unknown>;

  it('refuses attend, decline and a substitute with a 409 naming response, in the reader’s language', async () => {
    const { meeting } = await pollMeeting();
    const token = (
      await t.admin.post('/api/tokens').send({ name: 'early', role: 'member', memberId: people.early.id }).expect(201)
    ).body.token;
    const early = clientWithToken(t, token);
    const refused = await early
      .put(`/api/meetings/${meeting.id}/invitations/${people.early.id}`)
      .set('Accept-Language', 'ru')
      .send({ response: 'accepted' })
      .expect(409);
    expect(refused.body.message).toEqual([
      {
        field: 'response',
        message: 'Ответ: у заседания ещё нет даты; укажите в опросе о датах, какие даты вам подходят.',
      },
    ]);
    const byPhone = await t.admin
      .put(`/api/meetings/${meeting.id}/invitations/${people.early.id}`)
      .send({ response: 'declined' })
      .expect(409);
    expect(byPhone.body.message).toEqual([{ field: 'response', message: expect.stringContaining('no date yet') }]);
    const substitute = await early
      .put(`/api/meetings/${meeting.id}/invitations/${people.early.id}`)
      .send({ response: 'delegated', delegateMemberId: people.silent.id })
      .expect(409);
    expect(substitute.body.message[0].field).toBe('response');
    const proposal = await early
      .post(`/api/meetings/${meeting.id}/invitations/${people.early.id}/substitute-proposals`)
      .set('Accept-Language', 'kk')
      .send({ fullName: 'Guest Person', email: 'guest@example.org', organization: 'Ministry', language: 'en' })
      .expect(409);
    expect(proposal.body.message[0]).toMatchObject({ field: 'response', message: expect.stringMatching(/^Жауап:/) });
    expect(await invitationOf(meeting.id, people.early.id)).toMatchObject({ response: 'pending', respondedAt: null });
  });

  it('on confirming, the poll answers for that date become the answers, and the invitations say so', async () => {
    const { meeting, a, b } = await pollMeeting();
    // An answer from before this fix, when a dateless meeting still took one, must not carry over.
    await t.dataSource.query(
      `UPDATE invitation SET response = 'accepted', responded_via = 'member', responded_at = now()
       WHERE meeting_id = $1 AND member_id = ANY($2)`,
      [meeting.id, [people.early.id, people.no.id]],
    );
    const answer = (option: string, member: Member, value: string) =>
      t.admin.put(`/api/meetings/${meeting.id}/date-options/${option}/answers/${member.id}`).send({ answer: value });
    await answer(b.id, people.yes, 'yes').expect(200);
    await answer(b.id, people.maybe, 'if_need_be').expect(200);
    await answer(b.id, people.no, 'no').expect(200);
    await answer(a.id, people.early, 'yes').expect(200);
    await answer(b.id, people.silent, 'no').expect(200);
    await answer(b.id, people.silent, 'yes').expect(200);
    await answer(b.id, people.silent, 'no').expect(200);

    await t.admin.post(`/api/meetings/${meeting.id}/confirm`).send({ dateOptionId: b.id }).expect(200);
    const rows = (await t.admin.get(`/api/meetings/${meeting.id}/invitations`).expect(200)).body as {
      memberId: string;
      response: string;
      respondedVia: string | null;
    }[];
    const of = (m: Member) => rows.find((r) => r.memberId === m.id);
    expect(of(people.yes)).toMatchObject({ response: 'accepted', respondedVia: 'poll' });
    expect(of(people.maybe)).toMatchObject({ response: 'tentative', respondedVia: 'poll' });
    expect(of(people.no)).toMatchObject({ response: 'declined', respondedVia: 'poll' });
    expect(of(people.silent)).toMatchObject({ response: 'declined', respondedVia: 'poll' });
    // A "yes" to another date, and an answer given before any date, say nothing about this one.
    expect(of(people.early)).toMatchObject({ response: 'pending', respondedVia: null, respondedAt: null });

    const audit = (await t.admin.get('/api/audit?entity=invitation').expect(200)).body.items as {
      action: string;
      before: { memberId?: string; response?: string } | null;
      after: { memberId?: string; response?: string; respondedVia?: string } | null;
    }[];
    expect(
      audit.some(
        (e) =>
          e.after?.memberId === people.early.id && e.before?.response === 'accepted' && e.after.response === 'pending',
      ),
    ).toBe(true);
    expect(
      audit.some(
        (e) =>
          e.after?.memberId === people.yes.id && e.after.response === 'accepted' && e.after.respondedVia === 'poll',
      ),
    ).toBe(true);

    await waitFor(() => smtp.messages.length >= 5, { what: 'five invitations' });
    const text = (m: Member) => smtp.to(m.email)[0].parsed.text ?? '';
    expect(text(people.yes)).toContain(
      'In the date poll you said this date suits you, so we have noted that you will attend.',
    );
    expect(text(people.maybe)).toContain('В опросе о датах Вы ответили, что эта дата Вам подходит в крайнем случае.');
    expect(text(people.no)).toContain('In the date poll you said this date does not suit you');
    expect(text(people.early)).toContain('Просим подтвердить Ваше участие');
    for (const m of Object.values(people)) {
      expect(text(m)).not.toContain('You have already confirmed');
      expect(text(m)).not.toContain('Вы уже подтвердили');
    }
  });
});
