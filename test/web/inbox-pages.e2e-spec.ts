import { randomUUID } from 'node:crypto';
import { InboundMailService } from '../../src/inbound/inbound-mail.service';
import { addMembership, createBody, createMember } from '../support/factories';
import { pageSuite, shootBothSizes, signedInPage, submit } from '../support/page-suite';
import { waitFor } from '../support/smtp-sink';

const PORT = 39880;

/** The secretariat opens the inbox, reads a member's reply and applies its suggested answer with one click. */
describe('the inbox page', () => {
  const suite = pageSuite(PORT, { demo: false, env: { MAIL_FROM: 'WGECC Secretariat <secretariat@wgecc.test>' } });

  it('shows a reply linked to its member and meeting, and records the suggested answer in one click', async () => {
    const { t, smtp } = suite;
    const body = await createBody(t, { timeZone: 'Asia/Almaty' });
    const officer = await createMember(t, { fullName: 'Lucia Bianchi', email: 'officer@wgecc.test', language: 'en' });
    await addMembership(t, body.id, { memberId: officer.id, role: 'secretariat', startDate: '2018-01-01' });
    const member = await createMember(t, { fullName: 'Айгуль Серикова', email: 'aigul@minecology.kz', language: 'ru' });
    const meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          title: { en: 'Tenth meeting of the WGECC', ru: 'Десятое заседание РГОСИК' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-03-03T10:00:00+05:00',
        })
        .expect(201)
    ).body.id as string;
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    await waitFor(() => smtp.to(member.email).length === 1, { what: 'the invitation' });
    const invitation = smtp.to(member.email)[0];
    await t.app.get(InboundMailService).handle({
      mailbox: 'INBOX',
      uidValidity: '1',
      uid: '1',
      messageId: `${randomUUID()}@mail.ru`,
      from: { address: member.email, name: 'Айгуль Серикова' },
      to: [{ address: 'secretariat@wgecc.test', name: null }],
      subject: `Re: ${invitation.subject}`,
      receivedAt: new Date(),
      size: 3000,
      headers: new Map(),
      inReplyTo: invitation.messageId!.replace(/^<|>$/g, ''),
      references: [],
      text: 'Здравствуйте!\nБуду, спасибо.\n\n-- \nАйгуль Серикова\nМинистерство экологии',
      attachments: [{ name: 'паспорт.pdf', type: 'application/pdf', size: 183_201 }],
      calendarParts: [],
      report: null,
    });

    const { context, page } = await signedInPage(suite, officer.email);
    try {
      await page.goto(`${suite.base}/`);
      await page.getByRole('link', { name: 'Inbox: 1 reply waiting' }).click();
      await page.waitForURL(`${suite.base}/inbox`);
      const card = page.locator('ul.inbox > li').first();
      await expect(card.getByRole('link', { name: 'Айгуль Серикова' }).getAttribute('href')).resolves.toBe(
        `/members/${member.id}`,
      );
      await expect(card.getByRole('link', { name: 'Tenth meeting of the WGECC' }).getAttribute('href')).resolves.toBe(
        `/meetings/${meetingId}`,
      );
      expect(await card.locator('blockquote').innerText()).toBe('Здравствуйте!\nБуду, спасибо.');
      expect(await card.innerText()).toContain('паспорт.pdf (application/pdf, 178.9 KB)');
      expect(await card.locator('.suggestion').innerText()).toBe('Suggested: will attend (90% sure, read from “Буду”)');
      await shootBothSizes(page, 'inbox');

      await submit(page, 'Record: will attend');
      expect(await page.getByRole('status').first().innerText()).toContain('Applied: will attend.');
      expect(await page.getByText('Nothing waits in the inbox.').count()).toBe(1);
      const answers = (await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body as {
        memberId: string;
        response: string;
        respondedVia: string;
      }[];
      expect(answers.find((a) => a.memberId === member.id)).toMatchObject({
        response: 'accepted',
        respondedVia: 'email_reply',
      });
      await page.getByRole('link', { name: 'Handled' }).click();
      await page.waitForURL(`${suite.base}/inbox?show=handled`);
      expect(await page.locator('ul.inbox > li').first().innerText()).toContain(
        'Applied (will attend) by Lucia Bianchi',
      );
    } finally {
      await context.close();
    }
  });
});
