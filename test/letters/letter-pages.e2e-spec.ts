import { ActionLinks } from '../../src/actions/action-links';
import type { Member } from '../../src/members/member.entity';
import { addMembership, createBody, createMember } from '../support/factories';
import { pageSession } from '../support/page-app';
import { pdfText, zipEntriesText } from '../support/pdf-text';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { binaryBody } from '../support/binary-body';

/**
 * Letters from the meeting pages: the secretariat's links for everyone and each participant, the ticks for
 * travel and accommodation; a member's own letter and passport form, and nobody else's.
 */
describe('letters from the meeting pages', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let meetingId: string;
  let secretariat: { cookie: string; csrf: string };
  let member: { cookie: string; csrf: string };
  let kazakh: { id: string; email: string };
  let other: { id: string; email: string };

  const page = (url: string, cookie: string) => t.anonymous.get(url).set('Cookie', cookie);
  const pdf = async (url: string, cookie: string) => {
    const res = await page(url, cookie).buffer(true).parse(binaryBody).expect(200);
    return res.body as Buffer;
  };
  const unescape = (href: string) => href.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test' });
    const body = await createBody(t);
    const clerk = await createMember(t, { email: 'clerk@example.org', language: 'en' });
    await addMembership(t, body.id, { memberId: clerk.id, role: 'secretariat', startDate: '2020-01-01' });
    kazakh = await createMember(t, { fullName: 'Әсемгүл Өтеңұлы', email: 'kz@example.org', language: 'kk' });
    other = await createMember(t, { fullName: 'Бакыт Исаев', email: 'kg@example.org', countryCode: 'KG' });
    meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          number: 9,
          title: { en: 'Ninth meeting', ru: 'Девятое заседание', kk: 'Тоғызыншы отырыс' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-11-20T10:00:00+05:00',
          endsAt: '2031-11-20T17:00:00+05:00',
          status: 'scheduled',
        })
        .expect(201)
    ).body.id;
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [kazakh.id, other.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length >= 2, { what: 'the invitations' });
    secretariat = await pageSession(t, smtp, 'clerk@example.org');
    member = await pageSession(t, smtp, kazakh.email);
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it("offers the secretariat everyone's letters, merged or zipped, and each participant's", async () => {
    const html = (await page(`/meetings/${meetingId}`, secretariat.cookie).expect(200)).text;
    const section = /<section id="letters"[\s\S]*?<\/section>/.exec(html)![0];
    const links = [...section.matchAll(/href="([^"]+)"/g)].map((m) => unescape(m[1]));
    const base = `/meetings/${meetingId}/letters`;
    expect(links.slice(0, 2)).toEqual([`${base}.pdf`, `${base}.zip`]);
    expect(links).toEqual(
      expect.arrayContaining([
        `${base}/${kazakh.id}.pdf`,
        `${base}/${kazakh.id}.pdf?kind=visa`,
        `${base}/${kazakh.id}`,
      ]),
    );
    const merged = await pdfText(await pdf(`${base}.pdf`, secretariat.cookie));
    expect(merged).toContain('Әсемгүл Өтеңұлы');
    expect(merged).toContain('Бакыт Исаев');
    const zip = await pdf(`${base}.zip`, secretariat.cookie);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
  });

  it('lets the secretariat tick travel and accommodation, and the letter says so', async () => {
    const form = `/meetings/${meetingId}/letters/${other.id}`;
    const html = (await page(form, secretariat.cookie).expect(200)).text;
    expect(html).toContain('name="travelCovered"');
    await t.anonymous
      .post(form)
      .set('Cookie', secretariat.cookie)
      .type('form')
      .send({ csrf: secretariat.csrf, travelCovered: 'on' })
      .expect(303);
    const text = await pdfText(await pdf(`${form}.pdf`, secretariat.cookie));
    expect(text).toContain('Организаторы оплачивают Ваш проезд; расходы на проживание несёт направляющая сторона.');
  });

  it('gives a member their own letter and passport form, in their language, and refuses bad details', async () => {
    const html = (await page(`/meetings/${meetingId}`, member.cookie).expect(200)).text;
    const letter = unescape(/id="my-letter" href="([^"]+)"/.exec(html)![1]);
    const details = unescape(/id="my-passport" href="([^"]+)"/.exec(html)![1]);
    expect(await pdfText(await pdf(letter, member.cookie))).toContain('Құрметті Әсемгүл Өтеңұлы!');

    const form = (await page(details, member.cookie).expect(200)).text;
    expect(form).toContain('Төлқұжат нөмірі');
    expect(form).not.toContain('name="travelCovered"');
    // No passport yet: the visa letter is refused with the missing fields named.
    const refused = await page(`${letter}?kind=visa`, member.cookie).expect(400);
    expect(refused.text).toContain('Төлқұжат нөмірі: визалық қолдау хаты үшін қажет');

    const bad = await t.anonymous
      .post(details)
      .set('Cookie', member.cookie)
      .type('form')
      .send({ csrf: member.csrf, passportNumber: 'N'.repeat(21) })
      .expect(400);
    expect(bad.text).toContain('20 таңбадан аспауы керек');
    await t.anonymous
      .post(details)
      .set('Cookie', member.cookie)
      .type('form')
      .send({
        csrf: member.csrf,
        nameInPassport: 'OTENULY ASEMGUL',
        nationality: 'Kazakhstan',
        passportNumber: 'N1234567',
        arrivalDate: '2031-11-19',
        departureDate: '2031-11-21',
      })
      .expect(303);
    const visa = await pdfText(await pdf(`${letter}?kind=visa`, member.cookie));
    expect(visa).toContain('OTENULY ASEMGUL');
    expect(visa).toContain('N1234567');
    // The secretariat sees the details; another participant sees neither them nor the letter.
    expect((await page(details, secretariat.cookie).expect(200)).text).toContain('N1234567');
    const someoneElse = await pageSession(t, smtp, other.email);
    expect((await page(details, someoneElse.cookie)).status).toBe(403);
    expect((await page(letter, someoneElse.cookie)).status).toBe(403);
    expect((await page(`/meetings/${meetingId}/letters.pdf`, someoneElse.cookie)).status).not.toBe(200);
    const zip = await zipEntriesText(await pdf(`/meetings/${meetingId}/letters.zip`, secretariat.cookie));
    const names = ['Әсемгүл Өтеңұлы', 'Бакыт Исаев'];
    expect(names.map((name) => zip.filter(([, text]) => text.includes(name)).length)).toEqual([1, 1]);
    expect((await page(`/meetings/${meetingId}/letters.zip`, someoneElse.cookie)).status).not.toBe(200);
  });

  it('has no letter for a member who declined or sent a substitute: no link on their page, a page saying why', async () => {
    const signedLink = (memberId: string) =>
      t.app
        .get(ActionLinks)
        .letter({ id: memberId } as Member, meetingId, null)
        .replace('http://wg.test', '');
    // Before answering, the signed link gives the letter.
    await t.anonymous.get(signedLink(other.id)).buffer(true).parse(binaryBody).expect(200);
    await t.admin.put(`/api/meetings/${meetingId}/invitations/${other.id}`).send({ response: 'declined' }).expect(200);
    const declined = await pageSession(t, smtp, other.email);
    const html = (await page(`/meetings/${meetingId}`, declined.cookie).expect(200)).text;
    expect(html).not.toContain('id="my-letter"');
    expect(html).not.toContain('id="my-passport"');
    // Nor by typing the letter's address while signed in; the secretariat still has it.
    const typed = await page(`/meetings/${meetingId}/letters/${other.id}.pdf`, declined.cookie).expect(410);
    expect(typed.text).toContain('Вы отказались от участия в мероприятии «Девятое заседание»');
    await t.admin.get(`/api/meetings/${meetingId}/letters/${other.id}`).buffer(true).parse(binaryBody).expect(200);
    const gone = await t.anonymous.get(signedLink(other.id)).expect(410);
    expect(gone.headers['content-type']).toContain('text/html');
    expect(gone.text).toContain('Вы отказались от участия в этом мероприятии');
    expect(gone.text).toContain('Вы отказались от участия в мероприятии «Девятое заседание»');

    const substitute = await createMember(t, { fullName: 'Ерлан Ахметов', email: 'sub@example.org', language: 'en' });
    await t.admin
      .put(`/api/meetings/${meetingId}/invitations/${kazakh.id}`)
      .send({ response: 'delegated', delegateMemberId: substitute.id })
      .expect(200);
    const mine = (await page(`/meetings/${meetingId}`, member.cookie).expect(200)).text;
    expect(mine).not.toContain('id="my-letter"');
    const delegated = await t.anonymous.get(signedLink(kazakh.id)).expect(410);
    expect(delegated.text).toContain('Сіз «Тоғызыншы отырыс» іс-шарасына өз орныңызға басқа адамды жібердіңіз');
    // The substitute is the one with a letter.
    const theirs = await t.anonymous.get(signedLink(substitute.id)).buffer(true).parse(binaryBody).expect(200);
    expect(await pdfText(theirs.body as Buffer)).toContain('Ерлан Ахметов');
  });
});
