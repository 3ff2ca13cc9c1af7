import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { InboundMailService } from '../../src/inbound/inbound-mail.service';
import { parseInboundMail } from '../../src/inbound/inbound-mail.parser';
import { MailboxReader } from '../../src/inbound/mailbox-reader';
import { MailboxLockRepository } from '../../src/inbound/mailbox-lock.repository';
import { DOVECOT_USER, PrivateDovecot } from '../support/dovecot';
import { addMembership, createBody, createMember } from '../support/factories';
import { pageSession } from '../support/page-app';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'inbound');
const TITLE = 'Technical meeting on air quality';

interface Row {
  kind: string;
  status: string;
  member_id: string | null;
  meeting_id: string | null;
  notification_id: string | null;
  details: Record<string, unknown>;
}

/** A fixture as a mail client writes it, with this test's addresses, UID and SEQUENCE filled in. */
function fixture(name: string, values: Record<string, string | number>): { raw: string; tag: string } {
  const tag = randomUUID().replace(/-/g, '').slice(0, 16);
  const filled = {
    DATE: new Date().toUTCString().replace('GMT', '+0000'),
    TO: DOVECOT_USER,
    TITLE,
    TAG: tag,
    ...values,
  };
  const raw = readFileSync(join(FIXTURES, name), 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
    key in filled ? String(filled[key as keyof typeof filled]) : whole,
  );
  return { raw: raw.replace(/\r?\n/g, '\r\n'), tag };
}

describe('inbound mailbox: calendar replies, auto-replies and bounces read from a real IMAP server', () => {
  const dovecot = new PrivateDovecot();
  const smtp = new SmtpSink();
  let t: TestApp;
  let meetingId: string;
  let movedMeetingId: string;
  let uid: string;
  let movedUid: string;
  let bodyId: string;
  const members: Record<string, { id: string; email: string; fullName: string }> = {};

  const rowsOf = async (tag: string): Promise<Row[]> =>
    t.dataSource.query(
      `SELECT kind, status, member_id, meeting_id, notification_id, details FROM inbound_message WHERE message_id LIKE $1`,
      [`%${tag}%`],
    );
  const handled = async (tag: string): Promise<Row> => {
    await waitFor(async () => (await rowsOf(tag)).length === 1, { what: `message ${tag} recorded` });
    return (await rowsOf(tag))[0];
  };
  const answerOf = async (meeting: string, memberId: string) => {
    const list = (await t.admin.get(`/api/meetings/${meeting}/invitations`).expect(200)).body as {
      memberId: string;
      response: string;
      respondedVia: string | null;
    }[];
    return list.find((i) => i.memberId === memberId)!;
  };
  const invitationAudits = async (memberId: string) =>
    t.dataSource.query<{ actor_name: string; after: { response: string; respondedVia: string } }[]>(
      `SELECT a.actor_name, a.after FROM audit_entry a JOIN invitation i ON i.id::text = a.entity_id
        WHERE a.entity = 'invitation' AND i.member_id = $1 ORDER BY a.at`,
      [memberId],
    );

  beforeAll(async () => {
    await dovecot.start();
    await smtp.start();
    t = await startTestApp({
      SMTP_URL: smtp.url,
      INBOUND_IMAP_URL: dovecot.url,
      INBOUND_POLL_MS: '300',
      INBOUND_MAX_BYTES: '262144',
      INBOUND_OVERSIZE_FOLDER: 'Too large',
    });
    const body = await createBody(t);
    bodyId = body.id;
    for (const [key, name, language] of [
      ['outlook', 'Daniel Weber', 'en'],
      ['google', 'Aigerim Sadykova', 'ru'],
      ['apple', 'Нурлан Ахметов', 'kk'],
      ['forged', 'Timur Ismailov', 'ru'],
      ['moved', 'Zarina Karimova', 'ru'],
      ['away', 'Olga Petrova', 'ru'],
      ['awayRu', 'Бахыт Жумабаев', 'ru'],
      ['bounced', 'Farrukh Yusupov', 'en'],
      ['delayed', 'Dilnoza Rahimova', 'en'],
    ] as const) {
      members[key] = await createMember(t, {
        fullName: name,
        email: `${key.toLowerCase()}@inbound.example.org`,
        language,
      });
      await addMembership(t, body.id, { memberId: members[key].id });
    }
    const meeting = (body: string, startsAt: string) =>
      t.admin
        .post('/api/meetings')
        .send({
          bodyId: body,
          kind: 'technical',
          title: { en: TITLE },
          timeZone: 'Asia/Almaty',
          startsAt,
          endsAt: startsAt.replace('T10', 'T13'),
          status: 'scheduled',
        })
        .expect(201);
    meetingId = (await meeting(body.id, '2031-03-10T10:00:00+05:00')).body.id;
    movedMeetingId = (await meeting(body.id, '2031-04-14T10:00:00+05:00')).body.id;
    const everyone = Object.values(members).map((m) => m.id);
    await t.admin.post(`/api/meetings/${meetingId}/invitations`).send({ memberIds: everyone }).expect(200);
    await t.admin
      .post(`/api/meetings/${movedMeetingId}/invitations`)
      .send({ memberIds: [members.moved.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length === everyone.length + 1, { what: 'the invitations' });
    uid = /^UID:(.+)$/m.exec(smtp.to(members.outlook.email)[0].calendar!)![1].trim();
    movedUid = `meeting-${movedMeetingId}@wgecc.localhost`;
    // Moving the meeting raises its SEQUENCE: replies to the old invitation no longer apply.
    await t.admin
      .patch(`/api/meetings/${movedMeetingId}`)
      .send({ startsAt: '2031-04-15T10:00:00+05:00', endsAt: '2031-04-15T13:00:00+05:00' })
      .expect(200);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    await dovecot.stop();
  });

  it('sends every email with Reply-To and the calendar ORGANIZER set to the inbound address', () => {
    const invitation = smtp.to(members.outlook.email)[0];
    // The inbound address with a plus-tag naming this email, so a reply that drops In-Reply-To is still matched.
    expect(invitation.parsed.replyTo?.value[0]?.address).toMatch(
      /^replies\+n\.[0-9a-f-]{36}\.[0-9a-f]{8}@wgecc\.test$/,
    );
    expect(invitation.calendar).toMatch(/^ORGANIZER;CN=WGECC Secretariat:mailto:replies@wgecc\.test\r?$/m);
    expect(uid).toBe(`meeting-${meetingId}@wgecc.localhost`);
  });

  it('says in /health that it reads the mailbox', async () => {
    const res = await t.anonymous.get('/health').expect(200);
    expect(res.body.inbound).toEqual({ status: 'on', message: `INBOX on 127.0.0.1:${dovecot.port}` });
  });

  it('applies an Outlook accept, a Google decline and an Apple tentative as the members’ own answers', async () => {
    const outlook = fixture('outlook-accept.eml', {
      FROM: members.outlook.email,
      FROM_NAME: members.outlook.fullName,
      ATTENDEE: members.outlook.email,
      UID: uid,
      SEQUENCE: 0,
    });
    const google = fixture('google-decline.eml', {
      FROM: members.google.email,
      FROM_NAME: members.google.fullName,
      ATTENDEE: members.google.email,
      UID: uid,
      SEQUENCE: 0,
    });
    const apple = fixture('apple-tentative.eml', {
      FROM: members.apple.email,
      FROM_NAME: members.apple.fullName,
      ATTENDEE: members.apple.email,
      UID: uid,
      SEQUENCE: 0,
    });
    await dovecot.append([outlook.raw, google.raw, apple.raw]);
    for (const [key, tag, response] of [
      ['outlook', outlook.tag, 'accepted'],
      ['google', google.tag, 'declined'],
      ['apple', apple.tag, 'tentative'],
    ] as const) {
      const row = await handled(tag);
      expect(row).toMatchObject({
        kind: 'calendar_reply',
        status: 'applied',
        member_id: members[key].id,
        meeting_id: meetingId,
      });
      expect(await answerOf(meetingId, members[key].id)).toMatchObject({ response, respondedVia: 'calendar' });
      const audits = await invitationAudits(members[key].id);
      expect(audits.at(-1)).toMatchObject({
        actor_name: `${members[key].fullName} (by calendar reply)`,
        after: { response, respondedVia: 'calendar' },
      });
    }
    await waitFor(async () => (await dovecot.counts('INBOX')).INBOX === 0, { what: 'the INBOX emptied' });
    expect((await dovecot.counts('Processed')).Processed).toBeGreaterThanOrEqual(3);
  });

  it('keeps a reply from a forged sender for the secretariat, changing nothing', async () => {
    const forged = fixture('outlook-accept.eml', {
      FROM: 'someone@attacker.example.net',
      FROM_NAME: members.forged.fullName,
      ATTENDEE: members.forged.email,
      UID: uid,
      SEQUENCE: 0,
    });
    await dovecot.append([forged.raw]);
    expect(await handled(forged.tag)).toMatchObject({ kind: 'calendar_reply', status: 'inbox', member_id: null });
    expect(await answerOf(meetingId, members.forged.id)).toMatchObject({ response: 'pending' });
    // The member's own address in From, but another member's ATTENDEE: not applied either.
    const crossed = fixture('outlook-accept.eml', {
      FROM: members.forged.email,
      FROM_NAME: members.forged.fullName,
      ATTENDEE: members.delayed.email,
      UID: uid,
      SEQUENCE: 0,
    });
    await dovecot.append([crossed.raw]);
    expect(await handled(crossed.tag)).toMatchObject({
      status: 'inbox',
      member_id: members.forged.id,
      details: { reason: 'sender_not_attendee' },
    });
    expect(await answerOf(meetingId, members.delayed.id)).toMatchObject({ response: 'pending' });
    expect(await answerOf(meetingId, members.forged.id)).toMatchObject({ response: 'pending' });
  });

  it('keeps a DELEGATED reply for the secretariat, the answer unchanged', async () => {
    const delegated = fixture('outlook-accept.eml', {
      FROM: members.delayed.email,
      FROM_NAME: members.delayed.fullName,
      ATTENDEE: members.delayed.email,
      UID: uid,
      SEQUENCE: 0,
    });
    await dovecot.append([
      delegated.raw.replace(
        'ATTENDEE;PARTSTAT=ACCEPTED',
        'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:deputy@elsewhere.example.net"',
      ),
    ]);
    expect(await handled(delegated.tag)).toMatchObject({
      kind: 'calendar_reply',
      status: 'inbox',
      member_id: members.delayed.id,
      details: { reason: 'delegated', partstat: 'DELEGATED' },
    });
    expect(await answerOf(meetingId, members.delayed.id)).toMatchObject({ response: 'pending' });
  });

  it('records but flags a reply to an older SEQUENCE of a moved meeting', async () => {
    const old = fixture('google-decline.eml', {
      FROM: members.moved.email,
      FROM_NAME: members.moved.fullName,
      ATTENDEE: members.moved.email,
      UID: movedUid,
      SEQUENCE: 0,
    });
    await dovecot.append([old.raw]);
    expect(await handled(old.tag)).toMatchObject({
      kind: 'calendar_reply',
      status: 'flagged',
      meeting_id: movedMeetingId,
      member_id: members.moved.id,
      details: { reason: 'older_sequence', currentSequence: 1, partstat: 'DECLINED' },
    });
    expect(await answerOf(movedMeetingId, members.moved.id)).toMatchObject({ response: 'pending' });
  });

  it('flags a reply the answer service refuses (a cancelled meeting), recording the message and nothing else', async () => {
    await t.admin.post(`/api/meetings/${movedMeetingId}/cancel`).send({ reason: 'No quorum' }).expect(200);
    const late = fixture('outlook-accept.eml', {
      FROM: members.moved.email,
      FROM_NAME: members.moved.fullName,
      ATTENDEE: members.moved.email,
      UID: movedUid,
      SEQUENCE: 9,
    });
    await dovecot.append([late.raw]);
    expect(await handled(late.tag)).toMatchObject({
      kind: 'calendar_reply',
      status: 'flagged',
      details: { reason: 'refused', refusal: 'The meeting was cancelled; answers are closed' },
    });
    expect(await answerOf(movedMeetingId, members.moved.id)).toMatchObject({ response: 'pending' });
  });

  it('notes out-of-office replies on the member with the day they are away until, never as answers', async () => {
    const until = DateTime.now().plus({ days: 40 });
    const english = fixture('out-of-office.eml', {
      FROM: members.away.email,
      FROM_NAME: members.away.fullName,
      AWAY_UNTIL: until.setLocale('en').toFormat('d MMMM yyyy'),
      NOTIFICATION_ID: randomUUID(),
    });
    const russian = fixture('auto-reply-ru.eml', {
      FROM: members.awayRu.email,
      FROM_NAME: members.awayRu.fullName,
      AWAY_UNTIL: until.toFormat('dd.MM.yyyy'),
    });
    await dovecot.append([english.raw, russian.raw]);
    for (const [key, tag] of [
      ['away', english.tag],
      ['awayRu', russian.tag],
    ] as const) {
      expect(await handled(tag)).toMatchObject({
        kind: 'auto_reply',
        status: 'noted',
        member_id: members[key].id,
        details: { awayUntil: until.toISODate() },
      });
      const member = (await t.admin.get(`/api/members/${members[key].id}`).expect(200)).body;
      expect(member.awayUntil).toBe(until.toISODate());
      expect(await answerOf(meetingId, members[key].id)).toMatchObject({ response: 'pending' });
    }
    // Never answered: nothing was sent to them after their invitation.
    expect(smtp.to(members.away.email)).toHaveLength(1);
  });

  it('fails the notification a 5.x.x bounce returns and flags the address; a 4.x.x one is only noted', async () => {
    const invitationId = (email: string) => /<n\.([0-9a-f-]{36})\./.exec(smtp.to(email)[0].messageId!)![1];
    const permanent = fixture('bounce-5xx.eml', {
      RECIPIENT: members.bounced.email,
      NOTIFICATION_ID: invitationId(members.bounced.email),
    });
    const temporary = fixture('bounce-4xx.eml', {
      RECIPIENT: members.delayed.email,
      NOTIFICATION_ID: invitationId(members.delayed.email),
    });
    await dovecot.append([permanent.raw, temporary.raw]);
    expect(await handled(permanent.tag)).toMatchObject({
      kind: 'bounce',
      status: 'applied',
      member_id: members.bounced.id,
      notification_id: invitationId(members.bounced.email),
      details: { status: '5.1.1', recipient: members.bounced.email },
    });
    const [failed] = await t.dataSource.query<{ status: string; last_error: string }[]>(
      `SELECT status, last_error FROM notification WHERE id = $1`,
      [invitationId(members.bounced.email)],
    );
    expect(failed.status).toBe('failed');
    expect(failed.last_error).toMatch(/^bounced: 5\.1\.1 smtp; 550 5\.1\.1/);
    const bounced = (await t.admin.get(`/api/members/${members.bounced.id}`).expect(200)).body;
    expect(bounced).toMatchObject({ emailBounceStatus: '5.1.1' });
    expect(bounced.emailBouncingAt).not.toBeNull();

    expect(await handled(temporary.tag)).toMatchObject({
      kind: 'bounce',
      status: 'noted',
      member_id: members.delayed.id,
      details: { status: '4.4.7', permanent: false },
    });
    const [sent] = await t.dataSource.query<{ status: string }[]>(`SELECT status FROM notification WHERE id = $1`, [
      invitationId(members.delayed.email),
    ]);
    expect(sent.status).toBe('sent');
    const delayed = (await t.admin.get(`/api/members/${members.delayed.id}`).expect(200)).body;
    expect(delayed).toMatchObject({ emailBouncingAt: null, emailBounceStatus: null });
  });

  it('moves a message over INBOUND_MAX_BYTES aside unread, recorded as oversize', async () => {
    const big = fixture('outlook-accept.eml', {
      FROM: members.outlook.email,
      FROM_NAME: members.outlook.fullName,
      ATTENDEE: members.outlook.email,
      UID: uid,
      SEQUENCE: 0,
    });
    // Past the closing boundary (the epilogue): a message of 300 kB over a limit of 256 kB.
    await dovecot.append([big.raw + `${'x'.repeat(998)}\r\n`.repeat(300)]);
    expect(await handled(big.tag)).toMatchObject({ kind: 'oversize', status: 'ignored' });
    // Into the folder INBOUND_OVERSIZE_FOLDER names.
    await waitFor(async () => (await dovecot.counts('Too large'))['Too large'] === 1, { what: 'moved to Too large' });
  });

  it('shows the away note and the bouncing address on the member page, and the address on the dashboard', async () => {
    const officer = await createMember(t, { email: 'officer@inbound.example.org', language: 'en' });
    await addMembership(t, bodyId, { memberId: officer.id, role: 'secretariat', startDate: '2020-01-01' });
    const { cookie } = await pageSession(t, smtp, officer.email);
    const page = async (path: string) =>
      (await t.anonymous.get(path).set('Cookie', cookie).set('Accept-Language', 'en').expect(200)).text;
    const until = DateTime.now().plus({ days: 40 });
    expect(await page(`/members/${members.away.id}`)).toContain(
      `<dt>Away (automatic reply)</dt><dd>until ${until.setLocale('en-GB').toFormat('d MMMM yyyy')}</dd>`,
    );
    expect(await page(`/members/${members.bounced.id}`)).toMatch(
      /<strong class="warn">Emails to this address bounce \(5\.1\.1\) since /,
    );
    expect(await page(`/members/${members.delayed.id}`)).not.toContain('bounce');
    const dashboard = await page('/');
    expect(dashboard).toContain('Addresses that bounce');
    expect(dashboard).toContain(`<a href="/members/${members.bounced.id}">Farrukh Yusupov</a>`);
    expect(dashboard).not.toContain('Dilnoza Rahimova</a> &lt;');
  });

  it('a message recorded before a crash (committed, not yet moved) is moved once and applied once', async () => {
    const reader = t.app.get(MailboxReader);
    await reader.stop();
    await t.admin
      .put(`/api/meetings/${meetingId}/invitations/${members.forged.id}`)
      .send({ response: 'declined' })
      .expect(200);
    const reply = fixture('google-decline.eml', {
      FROM: members.forged.email,
      FROM_NAME: members.forged.fullName,
      ATTENDEE: members.forged.email,
      UID: uid,
      SEQUENCE: 0,
    }).raw.replace('PARTSTAT=DECLINED', 'PARTSTAT=ACCEPTED');
    await dovecot.append([reply]);
    // What the killed reader did before dying: read the message and committed its effect.
    const client = await dovecot.client();
    try {
      const box = await client.mailboxOpen('INBOX');
      const [message] = await client.fetchAll('1:*', { uid: true, size: true, source: true, internalDate: true });
      const mail = await parseInboundMail(message.source!, {
        mailbox: 'INBOX',
        uidValidity: String(box.uidValidity),
        uid: String(message.uid),
        size: message.size!,
        receivedAt: new Date(),
      });
      expect(await t.app.get(InboundMailService).handle(mail)).toBe('handled');
      expect(await t.app.get(InboundMailService).handle(mail)).toBe('duplicate');
    } finally {
      await client.logout();
    }
    const auditsBefore = (await invitationAudits(members.forged.id)).length;
    reader.start();
    await waitFor(async () => (await dovecot.counts('INBOX')).INBOX === 0, { what: 'the INBOX emptied' });
    expect(await answerOf(meetingId, members.forged.id)).toMatchObject({ response: 'accepted' });
    expect(await invitationAudits(members.forged.id)).toHaveLength(auditsBefore);
  });

  it('lets one reader at a time hold the mailbox; a second reader applies nothing twice', async () => {
    const second = new MailboxReader(t.config, t.app.get(MailboxLockRepository), t.app.get(InboundMailService));
    expect(await second.readOnce()).toBeNull();
    const tags: string[] = [];
    const replies = Array.from({ length: 12 }, (_, i) => {
      const { raw, tag } = fixture('auto-reply-ru.eml', {
        FROM: `unknown-${i}@elsewhere.example.net`,
        FROM_NAME: 'Someone',
        AWAY_UNTIL: '01.01.2020',
      });
      tags.push(tag);
      return raw;
    });
    second.start();
    try {
      await dovecot.append(replies);
      await waitFor(async () => (await dovecot.counts('INBOX')).INBOX === 0, { what: 'the INBOX emptied' });
      for (const tag of tags) expect(await rowsOf(tag)).toHaveLength(1);
    } finally {
      await second.stop();
    }
    const [{ count }] = await t.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM inbound_message GROUP BY message_id ORDER BY count DESC LIMIT 1`,
    );
    expect(count).toBe(1);
  });
});
