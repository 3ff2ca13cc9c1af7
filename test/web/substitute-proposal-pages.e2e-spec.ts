import { join } from 'node:path';
import { PHONE, SCREENSHOTS, seriousViolations } from '../support/browser';
import { newPage } from '../support/page-app';
import { pageSuite, signedInPage } from '../support/page-suite';
import { waitFor } from '../support/smtp-sink';

const PORT = 39721;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
// Бакыт Исаев serves in the Working Group and reads Russian.
const MEMBER = 'b.isaev@demo.wgecc.example';
const GUEST = 'a.toktogulov@ecology.example.kg';

/**
 * A member who cannot come proposes, from the invitation's "send a substitute" link, someone not in the
 * directory; the secretariat approves it on the meeting page; the person is invited in the language chosen.
 */
describe('a substitute from outside the list, in a real browser', () => {
  const suite = pageSuite(PORT);
  const { smtp } = suite;

  it('the member proposes on the link page (a mistake shown beside its field), the secretariat approves on the meeting page', async () => {
    const member = (await suite.t.admin.get(`/api/members?q=${encodeURIComponent(MEMBER)}`).expect(200)).body.items[0];
    const meetingId = (
      await suite.t.admin
        .post('/api/meetings')
        .send({
          bodyId: suite.wgId,
          kind: 'working_group',
          title: { en: 'WGECC meeting on the 2032 work plan', ru: 'Заседание РГОСИК по рабочему плану 2032' },
          timeZone: 'Asia/Almaty',
          startsAt: '2032-03-10T10:00:00+05:00',
        })
        .expect(201)
    ).body.id as string;
    smtp.clear();
    await suite.t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    await waitFor(() => smtp.to(MEMBER).length === 1, { what: 'the invitation' });
    const text = smtp.to(MEMBER)[0].parsed.text ?? '';
    const delegate = /Направить замену \((https?:\/\/[^\s)]+\/a\/[A-Za-z0-9_.-]+)\)/.exec(text)![1];

    const { context, page } = await newPage(suite.browser, PHONE);
    await page.goto(delegate);
    await page.getByLabel('Фамилия и имя').fill('Айбек Токтогулов');
    await page.getByLabel('Электронная почта').fill('not-an-address');
    await page.getByLabel('Организация').fill('Министерство природных ресурсов, экологии и технического надзора');
    await page.getByLabel('Должность (необязательно)').fill('Главный специалист');
    await page.getByLabel('На каком языке им писать').selectOption('kk');
    await page.getByRole('button', { name: 'Отправить секретариату на одобрение' }).click();
    await page.waitForSelector('#spe-email');
    expect(await page.locator('#spe-email').innerText()).toMatch(/^Электронная почта: /);
    expect(await page.getByLabel('Фамилия и имя').inputValue()).toBe('Айбек Токтогулов');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'substitute-proposal-error-phone.png'), fullPage: true });

    smtp.clear();
    await page.getByLabel('Электронная почта').fill(GUEST);
    await page.getByRole('button', { name: 'Отправить секретариату на одобрение' }).click();
    await page.waitForSelector('text=отправлено секретариату');
    await page.screenshot({ path: join(SCREENSHOTS, 'substitute-proposal-sent-phone.png'), fullPage: true });
    await context.close();
    await waitFor(() => smtp.to(SECRETARIAT).length === 1, { what: 'the secretariat’s email' });
    expect(smtp.to(GUEST)).toHaveLength(0);

    const { page: secretariat } = await signedInPage(suite, SECRETARIAT);
    await secretariat.goto(`${BASE}/meetings/${meetingId}#substitute-proposals`);
    const section = secretariat.locator('#substitute-proposals');
    expect(await section.innerText()).toContain('Айбек Токтогулов');
    expect(await section.innerText()).toContain('write in: Kazakh');
    expect(await section.innerText()).toContain('proposed by Бакыт Исаев (KG)');
    expect(await seriousViolations(secretariat)).toEqual([]);
    await section.screenshot({ path: join(SCREENSHOTS, 'substitute-proposal-review-desktop.png') });

    smtp.clear();
    await Promise.all([
      secretariat.waitForURL(/done=proposal_approved/),
      section.getByRole('button', { name: 'Approve and invite' }).click(),
    ]);
    expect(await secretariat.locator('p.notice').innerText()).toContain('approved and invited');
    expect(await section.innerText()).toContain('approved: invited as a guest');
    await secretariat.screenshot({
      path: join(SCREENSHOTS, 'substitute-proposal-approved-desktop.png'),
      fullPage: true,
    });

    await waitFor(() => smtp.to(GUEST).length === 1 && smtp.to(MEMBER).length === 1, {
      what: 'the guest’s invitation and the member’s answer',
    });
    expect(smtp.to(GUEST)[0].subject).toMatch(/^Шақыру: /);
    expect(smtp.to(GUEST)[0].calendarMethod).toBe('REQUEST');
    expect(smtp.to(MEMBER)[0].subject).toMatch(/^Замена одобрена: Айбек Токтогулов/);
    expect(await secretariat.locator('#participants').innerText()).toContain('Айбек Токтогулов');
  });
});
