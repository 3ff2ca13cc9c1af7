import { randomUUID } from 'node:crypto';
import type { InboundMail } from '../../src/inbound/inbound-mail';
import { InboundMailService } from '../../src/inbound/inbound-mail.service';
import { ReplyAddressing } from '../../src/mail/reply-addressing';
import { DOVECOT_USER, PrivateDovecot } from '../support/dovecot';
import { addMembership, createBody, createMember, createWorkPlan } from '../support/factories';
import { pageSession } from '../support/page-app';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const TITLE = { en: 'Tenth meeting of the WGECC', ru: 'Десятое заседание РГОСИК' };
const ACTIVITY = { en: 'Update of the Investor Guide', kk: 'Инвесторларға арналған нұсқаулықты жаңарту' };

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
const word = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/** A reply as Gmail writes it: text and HTML with the quoted invitation, and a PDF attached. */
function gmailReply(o: { from: string; name: string; to: string; subject: string; inReplyTo: string; tag: string }) {
  const text = [
    'Буду, спасибо',
    '',
    `пн, 7 дек. 2026 г. в 10:00, WGECC Secretariat <${o.to}>:`,
    '',
    '> Уважаемая Айгуль,',
    '> Приглашаем Вас на заседание.',
  ].join('\r\n');
  const html =
    '<div dir="ltr">Буду, спасибо</div><br><div class="gmail_quote"><div class="gmail_attr">пн, 7 дек. 2026 г. ' +
    'в 10:00, WGECC Secretariat:</div><blockquote class="gmail_quote">Приглашаем Вас на заседание.</blockquote></div>';
  return [
    `From: ${word(o.name)} <${o.from}>`,
    `To: WGECC Secretariat <${o.to}>`,
    `Subject: ${word(o.subject)}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <CAF${o.tag}@mail.gmail.com>`,
    `In-Reply-To: ${o.inReplyTo}`,
    `References: ${o.inReplyTo}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="000mixed"',
    '',
    '--000mixed',
    'Content-Type: multipart/alternative; boundary="000alt"',
    '',
    '--000alt',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(text),
    '--000alt',
    'Content-Type: text/html; charset="UTF-8"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(html),
    '--000alt--',
    '',
    '--000mixed',
    `Content-Type: application/pdf; name="${word('программа визита.pdf')}"`,
    `Content-Disposition: attachment; filename="${word('программа визита.pdf')}"`,
    'Content-Transfer-Encoding: base64',
    '',
    b64('%PDF-1.4\n% not opened by the app\n'.repeat(40)),
    '--000mixed--',
    '',
  ].join('\r\n');
}

/**
 * Replies to our emails reach the secretariat's inbox linked to the member and what they answer, with a
 * suggested answer applied in one click. The first is read from a private Dovecot; the others are handed
 * to the same pipeline parsed, without the IMAP round trip.
 */
/** Fewer than the default 10, to show the setting is the one obeyed. */
const UNKNOWN_SENDER_HOURLY_LIMIT = 4;

describe('email replies in the secretariat inbox', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  const dovecot = new PrivateDovecot();
  let officer: { id: string; email: string };
  let aigul: { id: string; email: string };
  let dana: { id: string; email: string };
  let meetingId: string;
  let invitationMessageId: string;
  let invitationSubject: string;
  let invitationReplyTo: string;
  let page: { cookie: string; csrf: string };

  /** What the mailbox reader does with one message: the handler's outcome stored on its row, in one transaction. */
  const receive = async (mail: Partial<InboundMail> & Pick<InboundMail, 'from' | 'text'>) => {
    const full: InboundMail = {
      mailbox: 'INBOX',
      uidValidity: '1',
      uid: String(Math.floor(Math.random() * 1e9)),
      messageId: `${randomUUID()}@mail.example.org`,
      to: [{ address: DOVECOT_USER, name: null }],
      subject: 'Re: our email',
      receivedAt: new Date(),
      size: 2048,
      headers: new Map(),
      inReplyTo: null,
      references: [],
      attachments: [],
      calendarParts: [],
      report: null,
      ...mail,
    };
    expect(await t.app.get(InboundMailService).handle(full)).toBe('handled');
    return idOf(full.messageId);
  };
  const idOf = async (messageId: string) =>
    (await t.dataSource.query<{ id: string }[]>('SELECT id FROM inbound_message WHERE message_id = $1', [messageId]))[0]
      ?.id;
  const row = async (id: string) =>
    (
      await t.dataSource.query<
        {
          kind: string;
          status: string;
          member_id: string | null;
          meeting_id: string | null;
          details: { reply: Record<string, unknown> };
        }[]
      >('SELECT kind, status, member_id, meeting_id, details FROM inbound_message WHERE id = $1', [id])
    )[0];
  const inbox = async (query = '') =>
    (await t.anonymous.get(`/inbox${query}`).set('Cookie', page.cookie).expect(200)).text;
  const apply = (id: string, action: string) =>
    t.anonymous.post(`/inbox/${id}/apply`).set('Cookie', page.cookie).type('form').send({ csrf: page.csrf, action });
  const bare = (messageId: string) => messageId.replace(/^<|>$/g, '');

  beforeAll(async () => {
    await dovecot.start();
    await smtp.start();
    t = await startTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'WGECC Secretariat <secretariat@wgecc.test>',
      INBOUND_IMAP_URL: dovecot.url,
      INBOUND_POLL_MS: '300',
      INBOUND_UNKNOWN_SENDER_LIMIT_PER_HOUR: String(UNKNOWN_SENDER_HOURLY_LIMIT),
    });
    const body = await createBody(t, { timeZone: 'Asia/Almaty' });
    officer = await createMember(t, { fullName: 'Lucia Bianchi', email: 'l.bianchi@wgecc.test', language: 'en' });
    await addMembership(t, body.id, { memberId: officer.id, role: 'secretariat', startDate: '2018-01-01' });
    aigul = await createMember(t, { fullName: 'Айгуль Серикова', email: 'aigul@minecology.kz', language: 'ru' });
    dana = await createMember(t, { fullName: 'Дана Сәтбаева', email: 'dana@ecogeo.kz', language: 'kk' });
    meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          title: TITLE,
          timeZone: 'Asia/Almaty',
          startsAt: '2031-03-03T10:00:00+05:00',
        })
        .expect(201)
    ).body.id;
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [aigul.id] })
      .expect(200);
    await waitFor(() => smtp.to(aigul.email).length === 1, { what: 'the invitation' });
    invitationMessageId = smtp.to(aigul.email)[0].messageId!;
    invitationSubject = smtp.to(aigul.email)[0].subject;
    invitationReplyTo = smtp.to(aigul.email)[0].parsed.replyTo!.value[0].address!;
    page = await pageSession(t, smtp, officer.email);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await dovecot.stop();
  });

  it('files a Russian "Буду, спасибо" under the member and the meeting, suggests "attend", and applying it records the answer', async () => {
    // The invitation asks for replies at its own plus-tagged address, and names itself in its Message-ID.
    expect(invitationReplyTo).toMatch(/^replies\+n\.[0-9a-f-]{36}\.[0-9a-f]{8}@wgecc\.test$/);
    const tag = randomUUID().replace(/-/g, '');
    await dovecot.append([
      gmailReply({
        from: aigul.email,
        name: 'Айгуль Серикова',
        to: invitationReplyTo,
        subject: `Re: ${invitationSubject}`,
        inReplyTo: invitationMessageId,
        tag,
      }),
    ]);
    const id = await waitFor(() => idOf(`CAF${tag}@mail.gmail.com`), { what: 'the reply read from the mailbox' });
    await waitFor(async () => (await row(id)).kind === 'reply', { what: 'the reply understood' });
    expect(await row(id)).toMatchObject({
      kind: 'reply',
      status: 'inbox',
      member_id: aigul.id,
      meeting_id: meetingId,
      details: { reply: { text: 'Буду, спасибо', quoted: true, suggestion: { action: 'attend', phrase: 'Буду' } } },
    });

    const html = await inbox();
    expect(html).toContain(`href="/members/${aigul.id}"`);
    expect(html).toContain(`href="/meetings/${meetingId}">${TITLE.en}</a>`);
    expect(html).toContain('Буду, спасибо');
    expect(html).not.toContain('Приглашаем Вас');
    expect(html).toContain('программа визита.pdf');
    expect(html).toContain('Suggested: will attend (90% sure, read from “Буду”)');
    expect(html).toMatch(/<button type="submit" name="action" value="attend">Record: will attend<\/button>/);
    expect(html).toContain('class="count" aria-hidden="true">1<');
    const dashboard = await t.anonymous.get('/').set('Cookie', page.cookie).expect(200);
    expect(dashboard.text).toContain('Inbox: 1 reply waiting');

    const applied = await apply(id, 'attend').expect(303);
    expect(applied.headers.location).toBe('/inbox?done=applied&action=attend');
    const invitation = (
      (await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body as {
        memberId: string;
        response: string;
        respondedVia: string;
      }[]
    ).find((i) => i.memberId === aigul.id)!;
    expect(invitation).toMatchObject({ response: 'accepted', respondedVia: 'email_reply' });
    const trail = (await t.admin.get('/api/audit?entity=invitation').expect(200)).body.items as {
      actorName: string;
      after: { memberId?: string; response?: string; respondedVia?: string };
    }[];
    expect(trail.find((e) => e.after.memberId === aigul.id && e.after.response === 'accepted')).toMatchObject({
      actorName: 'Lucia Bianchi',
      after: { respondedVia: 'email_reply' },
    });
    const handled = (await t.admin.get(`/api/audit?entity=inbound_message&id=${id}`).expect(200)).body.items;
    expect(handled[0]).toMatchObject({
      actorName: 'Lucia Bianchi',
      after: { status: 'applied', action: 'attend', appliedBy: 'Lucia Bianchi', via: 'email reply' },
    });
    expect(await row(id)).toMatchObject({ status: 'applied' });
    expect(await inbox('?done=applied&action=attend')).toContain('Applied: will attend.');
    expect(await inbox('?show=handled')).toContain('Applied (will attend) by Lucia Bianchi');

    // Once handled, a second click (another tab) changes nothing and says why.
    const again = await apply(id, 'decline').expect(409);
    expect(again.text).toContain('This message has already been handled');
  });

  it('suggests "done" for a Kazakh "Орындалды" to an activity reminder, and applying it marks the activity done', async () => {
    const body = await createBody(t, { name: { en: 'Replies WG' } });
    const planId = await createWorkPlan(t, body.id, '2031');
    const itemId = (
      await t.admin
        .post(`/api/work-plans/${planId}/items`)
        .send({ activity: ACTIVITY, deadline: 'December 2031', responsibleMemberIds: [dana.id] })
        .expect(201)
    ).body.id as string;
    const reminders = (await t.admin.get(`/api/notifications?subjectId=${itemId}`).expect(200)).body.items as {
      id: string;
      recipientId: string;
    }[];
    const reminder = reminders.find((n) => n.recipientId === dana.id)!;
    const id = await receive({
      from: { address: dana.email, name: null },
      // A reply through the plus-tagged Reply-To address, without In-Reply-To (some webmail drops it).
      to: [{ address: t.app.get(ReplyAddressing).replyAddressFor('replies@wgecc.test', reminder.id), name: null }],
      text: 'Орындалды.\n\n2026 ж. 7 жел., дс, 10:00 Хатшылық <secretariat@wgecc.test> жазды:\n> Еске салу',
    });
    expect(await row(id)).toMatchObject({
      kind: 'reply',
      member_id: dana.id,
      meeting_id: null,
      details: { reply: { text: 'Орындалды.', suggestion: { action: 'done' }, workPlanItemId: itemId } },
    });
    const html = await inbox('?lang=kk');
    expect(html).toContain(`href="/work-plan/items/${itemId}">${ACTIVITY.kk}</a>`);
    expect(html).toContain('Ұсынылады: орындалды');
    expect(html).toMatch(/value="done">Белгілеу: орындалды<\/button>/);

    await apply(id, 'done').expect(303);
    const item = (await t.admin.get(`/api/work-plan-items/${itemId}`).expect(200)).body;
    expect(item.status).toBe('done');
    const history = (await t.anonymous.get(`/work-plan/items/${itemId}?lang=en`).set('Cookie', page.cookie).expect(200))
      .text;
    expect(history).toContain('From an email reply of Дана Сәтбаева, applied by Lucia Bianchi');
  });

  it('"need more time" opens the activity with the reply and a note, changing nothing by itself', async () => {
    const body = await createBody(t, { name: { en: 'More time WG' } });
    const planId = await createWorkPlan(t, body.id, '2032');
    const itemId = (
      await t.admin
        .post(`/api/work-plans/${planId}/items`)
        .send({ activity: ACTIVITY, deadline: 'December 2032', responsibleMemberIds: [dana.id] })
        .expect(201)
    ).body.id as string;
    const reminder = (
      (await t.admin.get(`/api/notifications?subjectId=${itemId}`).expect(200)).body.items as { id: string }[]
    )[0];
    const id = await receive({
      from: { address: dana.email, name: null },
      inReplyTo: bare(t.app.get(ReplyAddressing).messageIdFor(reminder.id)),
      text: 'Келесі аптада жібереміз, аударма әлі дайын емес.',
    });
    expect((await row(id)).details.reply).toMatchObject({ suggestion: { action: 'more_time' } });
    const opened = await apply(id, 'more_time').expect(303);
    expect(opened.headers.location).toBe(`/work-plan/items/${itemId}?fromReply=${id}`);
    const itemPage = (await t.anonymous.get(opened.headers.location).set('Cookie', page.cookie).expect(200)).text;
    expect(itemPage).toContain('Дана Сәтбаева asks for more time in an email reply:');
    expect(itemPage).toContain('Келесі аптада жібереміз');
    expect(itemPage).toContain('More time asked in an email reply, applied by Lucia Bianchi</textarea>');
    expect((await t.admin.get(`/api/work-plan-items/${itemId}`).expect(200)).body.deadline.text).toBe('December 2032');
  });

  it('does not link a reply from another address, nor one with a forged Message-ID, to the member', async () => {
    const other = await receive({
      from: { address: 'assistant@gmail.com', name: 'Assistant' },
      inReplyTo: bare(invitationMessageId),
      text: 'Не смогу, к сожалению.',
    });
    expect(await row(other)).toMatchObject({ kind: 'unknown', status: 'inbox', member_id: null, meeting_id: null });
    const forgedId = bare(invitationMessageId).replace(/\.[0-9a-f]{8}@/, '.00000000@');
    const forged = await receive({
      from: { address: aigul.email, name: null },
      inReplyTo: forgedId,
      text: 'Не смогу.',
    });
    expect(await row(forged)).toMatchObject({ kind: 'unknown', member_id: null, meeting_id: null });

    const html = await inbox();
    const card = html.slice(html.indexOf(`id="m-${other}"`), html.indexOf('</li>', html.indexOf(`id="m-${other}"`)));
    expect(card).toContain('Assistant &lt;assistant@gmail.com&gt;');
    expect(card).toContain('comes from another address than the member it went to');
    expect(card).toContain('Not linked to an email of ours');
    expect(card).not.toContain('name="action"');
    await apply(other, 'decline').expect(409);
    await t.anonymous
      .post(`/inbox/${other}/dismiss`)
      .set('Cookie', page.cookie)
      .type('form')
      .send({ csrf: page.csrf })
      .expect(303);
    expect(await row(other)).toMatchObject({ status: 'dismissed' });
  });

  it('keeps at most the hourly allowance of an unknown sender, counting the rest', async () => {
    const ids: string[] = [];
    for (let i = 0; i < UNKNOWN_SENDER_HOURLY_LIMIT + 3; i++)
      ids.push(await receive({ from: { address: 'offers@spam.example', name: null }, text: `Offer ${i}` }));
    const statuses = await Promise.all(ids.map(async (id) => (await row(id)).status));
    expect(statuses.filter((s) => s === 'inbox')).toHaveLength(UNKNOWN_SENDER_HOURLY_LIMIT);
    expect(statuses.slice(UNKNOWN_SENDER_HOURLY_LIMIT)).toEqual(['ignored', 'ignored', 'ignored']);
    const dropped = await t.dataSource.query<{ text_body: string }[]>(
      'SELECT text_body FROM inbound_message WHERE id = $1',
      [ids[ids.length - 1]],
    );
    expect(dropped[0].text_body).toBe('');
    // Another sender is not held back by this one.
    expect(
      (await row(await receive({ from: { address: 'colleague@unep.org', name: null }, text: 'Hello' }))).status,
    ).toBe('inbox');
    const html = await inbox();
    expect(html).toContain(
      '3 more messages from unknown senders in the past day were counted but not kept (at most 4 a sender an hour)',
    );
    expect(html).not.toContain(`Offer ${UNKNOWN_SENDER_HOURLY_LIMIT}`);
  });

  it('refuses an unknown action and an unknown message with a clear answer', async () => {
    const id = await receive({
      from: { address: aigul.email, name: null },
      inReplyTo: bare(invitationMessageId),
      text: 'Can you send the agenda?',
    });
    const bad = await apply(id, 'explode').expect(400);
    expect(bad.text).toContain('action must be one of attend, decline, done, in_progress, more_time');
    const missing = await apply(randomUUID(), 'attend').expect(404);
    expect(missing.text).toContain('This message is not in the inbox.');
    await t.anonymous
      .post(`/inbox/${id}/apply`)
      .set('Cookie', page.cookie)
      .type('form')
      .send({ action: 'attend' })
      .expect(403);
  });
});
