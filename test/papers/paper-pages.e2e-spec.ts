import { addMembership, createBody, createMember, meetingHasBegun } from '../support/factories';
import { pageSession } from '../support/page-app';
import { pdfText } from '../support/pdf-text';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { binaryBody } from '../support/binary-body';

describe('papers from the meeting pages', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let meetingId: string;
  let secretariat: string;
  let secretariatCsrf: string;
  let present: { id: string; email: string };
  let absent: { id: string; email: string };

  const page = (url: string, cookie: string) => t.anonymous.get(url).set('Cookie', cookie);
  const pdf = async (url: string, cookie: string) => {
    const res = await page(url, cookie).buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return pdfText(res.body as Buffer);
  };

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test' });
    const body = await createBody(t);
    const clerk = await createMember(t, { email: 'clerk@example.org', language: 'en' });
    await addMembership(t, body.id, { memberId: clerk.id, role: 'secretariat', startDate: '2020-01-01' });
    present = await createMember(t, { fullName: 'Әсемгүл Өтеңұлы', email: 'present@example.org', language: 'kk' });
    absent = await createMember(t, { fullName: 'Бакыт Исаев', email: 'absent@example.org', countryCode: 'KG' });
    meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          number: 9,
          title: { en: 'Ninth meeting', ru: 'Девятое заседание' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-11-20T10:00:00+05:00',
          endsAt: '2031-11-20T17:00:00+05:00',
        })
        .expect(201)
    ).body.id;
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [present.id, absent.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length >= 2, { what: 'the invitations' });
    const restore = await meetingHasBegun(t, meetingId);
    await t.admin
      .put(`/api/meetings/${meetingId}/attendance`)
      .send({
        records: [
          { memberId: present.id, attended: true },
          { memberId: absent.id, attended: false },
        ],
      })
      .expect(200);
    await restore();
    await t.admin
      .put(`/api/meetings/${meetingId}/minutes`)
      .send({ text: 'Заседание открылось.', originalLanguage: 'ru', decisions: [{ text: 'Утвердить повестку.' }] })
      .expect(200);
    ({ cookie: secretariat, csrf: secretariatCsrf } = await pageSession(t, smtp, 'clerk@example.org'));
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it("offers the secretariat every paper on the meeting's page, each a PDF", async () => {
    const html = (await page(`/meetings/${meetingId}`, secretariat).expect(200)).text;
    const section = /<section id="papers"[\s\S]*?<\/section>/.exec(html)![0];
    const links = [...section.matchAll(/href="([^"]+)"/g)].map((m) =>
      m[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '='),
    );
    const base = `/meetings/${meetingId}`;
    expect(links).toEqual([
      ...['en', 'ru', 'kk'].map((l) => `${base}/attendance-sheet.pdf?language=${l}`),
      ...['en', 'ru', 'kk'].map((l) => `${base}/participants.pdf?language=${l}`),
      `${base}/minutes.pdf?language=ru`,
      `${base}/certificates/${present.id}.pdf`,
    ]);
    expect(await pdf(links[0], secretariat)).toContain('Attendance sheet');
    expect(await pdf(links[4], secretariat)).toContain('Список участников');
    expect(await pdf(links[6], secretariat)).toContain('Решение 9/1 Утвердить повестку.');
    expect(await pdf(links[7], secretariat)).toContain('Әсемгүл Өтеңұлы');
    // Minutes in a language they were not written in: the not-found page.
    await page(`${base}/minutes.pdf?language=kk`, secretariat).expect(404);
    // The list of participants before attendance is recorded: a page saying so.
    const bodyId = (await t.dataSource.query('SELECT body_id FROM meeting WHERE id = $1', [meetingId]))[0].body_id;
    const unrecorded = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId,
          kind: 'technical',
          title: { en: 'Later' },
          timeZone: 'Asia/Almaty',
          startsAt: '2032-01-10T10:00:00+05:00',
        })
        .expect(201)
    ).body.id;
    const refused = await page(`/meetings/${unrecorded}/participants.pdf?language=en`, secretariat).expect(409);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toContain('The attendance of this meeting has not been recorded yet.');
  });

  it('offers a member who attended their own certificate, and nobody else’s', async () => {
    const member = (await pageSession(t, smtp, present.email)).cookie;
    const html = (await page(`/meetings/${meetingId}`, member).expect(200)).text;
    const link = /id="my-certificate" href="([^"]+)"/.exec(html)![1];
    expect(html).toContain('Сіздің қатысу туралы сертификатыңызды жүктеп алу (PDF)');
    const text = await pdf(link, member);
    expect(text).toContain('Қатысу туралы сертификат');
    expect(text).toContain('Әсемгүл Өтеңұлы');
    await page(`/meetings/${meetingId}/certificates/${absent.id}.pdf`, member).expect(404);
    expect((await page(`/meetings/${meetingId}/attendance-sheet.pdf`, member)).status).not.toBe(200);

    const other = (await pageSession(t, smtp, absent.email)).cookie;
    expect((await page(`/meetings/${meetingId}`, other).expect(200)).text).not.toContain('my-certificate');
    await page(`/meetings/${meetingId}/certificates/${absent.id}.pdf`, other).expect(404);
  });

  it('publishes the list of participants as a meeting document from the page; draft minutes are refused there', async () => {
    const post = (paper: string, cookie = secretariat, csrf = secretariatCsrf) =>
      t.anonymous
        .post(`/meetings/${meetingId}/papers/${paper}/publish`)
        .set('Cookie', cookie)
        .type('form')
        .send({ csrf });
    const html = (await page(`/meetings/${meetingId}`, secretariat).expect(200)).text;
    expect(html).toContain('id="publish-participants"');
    expect(html).toContain('id="publish-minutes"');
    expect(html).toContain('Publish as a meeting document');

    const done = await post('participants').expect(303);
    expect(done.headers.location).toBe(`/meetings/${meetingId}?done=participants_published&revision=1#papers`);
    const after = (await page(done.headers.location, secretariat).expect(200)).text;
    expect(after).toContain('The list of participants is published as a meeting document (revision 1).');
    // A second click with nothing changed adds no revision, and the page says so.
    const again = await post('participants').expect(303);
    expect(again.headers.location).toBe(`/meetings/${meetingId}?done=participants_unchanged&revision=1#papers`);
    const unchanged = (await page(again.headers.location, secretariat).expect(200)).text;
    expect(unchanged).toContain(
      'The list of participants has not changed since it was published: revision 1 stays current, no new revision was added.',
    );
    const revisions = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM document_file f JOIN document d ON d.id = f.document_id
       WHERE d.meeting_id = $1 AND d.kind = 'list_of_participants'`,
      [meetingId],
    );
    expect(revisions[0].n).toBe(3);
    const [document] = await t.dataSource.query<{ status: string }[]>(
      "SELECT status FROM document WHERE meeting_id = $1 AND kind = 'list_of_participants'",
      [meetingId],
    );
    expect(document.status).toBe('published');

    const refused = await post('minutes').expect(409);
    expect(refused.text).toContain('Only approved minutes can be published.');
    const minutes = await t.dataSource.query('SELECT id FROM document WHERE meeting_id = $1 AND kind = $2', [
      meetingId,
      'minutes',
    ]);
    expect(minutes).toEqual([]);

    // A member's session may not publish.
    const member = await pageSession(t, smtp, present.email);
    await post('participants', member.cookie, member.csrf).expect(403);
  });
});
