import { randomUUID } from 'node:crypto';
import { addMembership, createBody, createMember } from '../support/factories';
import { pageSession } from '../support/page-app';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/** The outbox shows what the recipient got, even after the meeting changed, and names what each email is about. */
describe('the outbox keeps each email as it was sent', () => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let session: { cookie: string; csrf: string };
  let bodyId: string;
  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    const body = (await createBody(t)) as { id: string };
    const officer = (await createMember(t, { email: `officer-${randomUUID()}@example.org`, language: 'en' })) as {
      id: string;
      email: string;
    };
    await addMembership(t, body.id, { memberId: officer.id, role: 'secretariat', startDate: '2020-01-01' });
    session = await pageSession(t, smtp, officer.email);
    bodyId = body.id;
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const page = (path: string) => t.anonymous.get(path).set('Cookie', session.cookie).expect(200);

  it('shows the sent invitation with the title it had, after the meeting is renamed, and lists it by meeting', async () => {
    const guest = (await createMember(t, { email: `guest-${randomUUID()}@example.org` })) as {
      id: string;
      email: string;
    };
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId,
          kind: 'technical',
          title: { en: 'Air quality expert meeting' },
          timeZone: 'Asia/Almaty',
          startsAt: new Date(Date.now() + 20 * 86400_000).toISOString(),
        })
        .expect(201)
    ).body as { id: string };
    smtp.clear();
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [guest.id] })
      .expect(200);
    const [row] = (await waitFor(
      async () => {
        const rows = await t.dataSource.query<{ id: string }[]>(
          `SELECT id FROM notification WHERE kind = 'meeting-invitation' AND recipient_email = $1 AND status = 'sent'`,
          [guest.email],
        );
        return rows.length ? rows : undefined;
      },
      { what: 'the invitation recorded as sent' },
    ))!;
    await t.admin
      .patch(`/api/meetings/${meeting.id}`)
      .send({ title: { en: 'Water quality expert meeting' } })
      .expect(200);

    const email = await page(`/outbox/${row.id}`);
    expect(email.text).toContain('Exactly as it was sent on');
    const subjectLine = /class="email-subject">([^<]+)</.exec(email.text)![1];
    expect(subjectLine).toContain('Air quality expert meeting');
    const rendered = email.text.slice(email.text.indexOf('id="h-rendered"'));
    expect(rendered).toContain('Air quality expert meeting');
    expect(rendered).not.toContain('Water quality expert meeting');

    const list = await page(`/outbox?recipientId=${guest.id}`);
    expect(list.text).toContain('Water quality expert meeting');
  });

  it('keeps a sent sign-in email with its personal link replaced by the sign-in page', async () => {
    const member = (await createMember(t, { email: `signin-${randomUUID()}@example.org` })) as { email: string };
    smtp.clear();
    await t.anonymous.post('/sign-in').type('form').send({ email: member.email }).expect(200);
    await waitFor(() => smtp.to(member.email).length === 1, { what: 'the sign-in email' });
    const link = /(https?:\/\/\S+\/sign-in\/[A-Za-z0-9_.-]+)/.exec(smtp.to(member.email)[0].parsed.text ?? '')![1];
    const [row] = (await waitFor(
      async () => {
        const rows = await t.dataSource.query<{ id: string; text: string }[]>(
          `SELECT n.id, s.text FROM notification n JOIN sent_email s ON s.notification_id = n.id WHERE n.recipient_email = $1`,
          [member.email],
        );
        return rows.length ? rows : undefined;
      },
      { what: 'the sign-in email recorded as sent' },
    ))!;
    expect(row.text).not.toContain(link);
    const email = await page(`/outbox/${row.id}`);
    expect(email.text).not.toContain(new URL(link).pathname);
    expect(email.text).toContain('Exactly as it was sent on');
  });
});
