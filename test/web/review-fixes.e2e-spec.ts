import { LivingGroupDemo } from '../../src/demo/living-group';
import { t } from '../../src/common/i18n/messages';
import { pageSession } from '../support/page-app';
import { pageSuite } from '../support/page-suite';

const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
const SADYKOVA = 'a.sadykova@demo.wgecc.example';
/** The secretariat officer reads every time in her own zone, and is told so. */
const BRUSSELS = /\(Europe\/Brussels \(UTC\+[12]\)\)/;

/** What a page shows as text: tags dropped, spaces folded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#x27;/g, ' ')
    .replace(/\s+/g, ' ');

/**
 * The review of the living demo: every time says its zone, a held meeting shows its outcome, forms that no
 * longer apply are gone, substitutes are serving colleagues, phrases read right in Russian, filters come
 * from the data, the favicon is served, dates on body forms say their zone, and form errors use the form's
 * own labels.
 */
describe('the living demo, reviewed', () => {
  const suite = pageSuite(39820, { browser: false });
  let session: { cookie: string; csrf: string };
  let meetings: { id: string; title: { en: string }; status: string }[];
  const meetingId = (status: string) => meetings.find((m) => m.status === status)!.id;

  beforeAll(async () => {
    session = await pageSession(suite.t, suite.smtp, SECRETARIAT);
    await new LivingGroupDemo(suite.t.app).load();
    meetings = (await suite.t.admin.get('/api/meetings?limit=50').expect(200)).body.items;
  }, 90_000);

  const get = (path: string, cookie = session.cookie) => suite.t.anonymous.get(path).set('Cookie', cookie);
  const post = (path: string, form: Record<string, string>) =>
    suite.t.anonymous
      .post(path)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ csrf: session.csrf, ...form });

  it('says the zone of every time on the meetings list and on the poll', async () => {
    const list = text((await get('/meetings').expect(200)).text);
    const scheduled = meetings.find((m) => m.status === 'scheduled')!;
    expect(list).toMatch(new RegExp(`${scheduled.title.en} — [^·]+ ${BRUSSELS.source}`));

    const poll = await get(`/meetings/${meetingId('tentative')}`).expect(200);
    const headers = [...poll.text.matchAll(/<th scope="col">([^<]+)<\/th>/g)].map((m) => m[1]).slice(1);
    expect(headers).toHaveLength(3);
    for (const header of headers) expect(header).toMatch(BRUSSELS);
    const opened = /<p>(The poll was opened[^<]+)<\/p>/.exec(poll.text)![1];
    expect(opened.match(new RegExp(BRUSSELS.source, 'g'))).toHaveLength(2);
  });

  it('shows a held meeting’s attendance, not answers still awaited nor the agenda form', async () => {
    const id = meetingId('held');
    const page = await get(`/meetings/${id}`).expect(200);
    const shown = text(page.text);
    expect(shown).not.toContain('no answer yet');
    expect(shown).toMatch(/— attended/);
    expect(shown).toMatch(/— did not attend/);
    expect(page.text).not.toContain(`action="/meetings/${id}/agenda"`);
    expect(page.text).not.toContain(`action="/meetings/${id}/answers"`);
  });

  it('tells a member whether they attended a held meeting instead of asking for an answer', async () => {
    const id = meetingId('held');
    const own = await pageSession(suite.t, suite.smtp, SADYKOVA);
    const page = await get(`/meetings/${id}?lang=kk`, own.cookie).expect(200);
    expect(page.text).not.toContain(`action="/meetings/${id}/my-answer"`);
    expect(text(page.text)).toMatch(new RegExp(`${t('mm.outcome.attended', 'kk')}|${t('mm.outcome.absent', 'kk')}`));
  });

  it('offers no “Open the poll” form once the poll is open, and labels the totals once', async () => {
    const id = meetingId('tentative');
    const page = await get(`/meetings/${id}`).expect(200);
    expect(page.text).not.toContain(`action="/meetings/${id}/poll"`);
    expect(page.text).toContain(`action="/meetings/${id}/poll/answers"`);
    const shown = text(page.text);
    expect(shown).not.toContain('Can come (Countries that can come)');
    expect(shown).toContain('Can come: people (countries)');
    expect(text((await get(`/meetings/${id}?lang=ru`).expect(200)).text)).toContain('Могут прийти: участники (страны)');
  });

  it('links every participant to their page', async () => {
    const page = await get(`/meetings/${meetingId('scheduled')}`).expect(200);
    const participants = page.text.slice(page.text.indexOf('id="participants"'));
    const people = participants.slice(0, participants.indexOf('</section>'));
    expect(people).toMatch(/<li><a href="\/members\/[0-9a-f-]{36}">Дилноза Юсупова<\/a>/);
    expect(people).not.toMatch(/<li>[^<]/);
  });

  it('links each row of a member’s record to its page', async () => {
    const isaev = (await suite.t.admin.get('/api/members?q=b.isaev').expect(200)).body.items[0];
    const record = (await get(`/members/${isaev.id}`).expect(200)).text;
    const rows = (section: string) => {
      const from = record.indexOf(`aria-labelledby="${section}"`);
      return [...record.slice(from, record.indexOf('</section>', from)).matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)]
        .flatMap((m) => m[1].split('</tr>'))
        .filter((row) => row.includes('<td'));
    };
    expect(rows('h-items').length).toBeGreaterThan(0);
    for (const row of rows('h-items')) expect(row).toMatch(/<a href="\/work-plan\/items\/[0-9a-f-]{36}">/);
    expect(rows('h-emails').length).toBeGreaterThan(0);
    for (const row of rows('h-emails')) expect(row).toMatch(/<a href="\/outbox\/[0-9a-f-]{36}">/);
    const dated = rows('h-meetings').filter((row) => !row.includes('>—</td>'));
    expect(dated.length).toBeGreaterThan(0);
    for (const row of dated) expect(row).toMatch(BRUSSELS);
  });

  it('offers as substitutes only colleagues serving today as delegates', async () => {
    const scheduled = meetingId('scheduled');
    const own = await pageSession(suite.t, suite.smtp, SADYKOVA);
    const mine = (await get(`/meetings/${scheduled}`, own.cookie).expect(200)).text;
    const offered = /<select id="substitute"[^>]*>([\s\S]*?)<\/select>/.exec(mine)![1];
    expect(offered).toContain('Дина Омарова');
    expect(offered).not.toContain('Жанар Касымова'); // secretariat staff
    expect(offered).not.toContain('Ержан Тулегенов'); // term ended

    const secretariat = (await get(`/meetings/${scheduled}`).expect(200)).text;
    const choices = /<datalist id="substitute-choices">([\s\S]*?)<\/datalist>/.exec(secretariat)![1];
    expect(choices).toContain('Дина Омарова');
    expect(choices).not.toContain('Жанар Касымова');
    expect(choices).not.toContain('Ержан Тулегенов');
    expect(choices).not.toContain('Laura Bianchi');
  });

  it('words names and counts right in Russian and Kazakh', () => {
    const count = (language: 'ru' | 'kk' | 'en', n: number) =>
      t('mm.countries.count', language, { country: 'KZ', count: n });
    expect(count('ru', 1)).toBe('KZ: придёт 1 участник');
    expect(count('ru', 2)).toBe('KZ: придут 2 участника');
    expect(count('ru', 5)).toBe('KZ: придут 5 участников');
    expect(count('ru', 21)).toBe('KZ: придёт 21 участник');
    expect(count('kk', 5)).toBe('KZ: 5 қатысушы келеді');
    expect(count('en', 1)).toBe('KZ: 1 person coming');
    const name = 'Дилноза Юсупова';
    expect(t('page.confirm.lead', 'ru', { name })).toBe('Участник: Дилноза Юсупова. Будет записано:');
    expect(t('page.confirm.lead', 'kk', { name })).toContain('Қатысушы: Дилноза Юсупова');
    expect(t('bodies.term.replace.lead', 'ru', { name })).toContain('участник: Дилноза Юсупова');
    expect(t('outbox.email.title', 'ru', { recipient: name })).toBe('Письмо, получатель: Дилноза Юсупова');
  });

  it('fills the work-plan filters from the plan’s activities and keeps the choice in the address', async () => {
    const page = (await get('/work-plan').expect(200)).text;
    const options = (name: string) =>
      [...new RegExp(`<select id="f-${name}"[^>]*>([\\s\\S]*?)</select>`).exec(page)![1].matchAll(/value="([^"]*)"/g)]
        .map((m) => m[1])
        .filter(Boolean);
    expect(options('topic')).toEqual(expect.arrayContaining(['air', 'climate', 'water', 'governance']));
    expect(options('country').length).toBeGreaterThan(1);
    expect(options('responsible').length).toBeGreaterThan(1);
    expect(options('due')).toContain('overdue');
    expect(options('status')).toContain('done');

    const planId = /action="\/work-plan\/([0-9a-f-]{36})" class="filters"/.exec(page)![1];
    const filtered = (await get(`/work-plan/${planId}?topic=water&due=`).expect(200)).text;
    expect(filtered).toMatch(/<option value="water" selected>/);
    expect(text(filtered)).toContain('Share data on transboundary rivers');
    expect(text(filtered)).not.toContain('National reports on air quality monitoring');
  });

  it('serves a favicon', async () => {
    const icon = await suite.t.anonymous.get('/favicon.ico').buffer(true).expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(icon.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(String(icon.body)).toContain('<svg');
    expect((await get('/meetings').expect(200)).text).toContain('<link rel="icon" href="/assets/favicon.svg"');
  });

  it('starts a new body in the officer’s zone and says the zone of dates on a body’s forms', async () => {
    const form = (await get('/bodies/new').expect(200)).text;
    expect(form).toContain(`name="timeZone" value="Europe/Brussels"`);
    const bodies = (await suite.t.admin.get('/api/bodies?kind=working_group').expect(200)).body.items;
    const body = text((await get(`/bodies/${bodies[0].id}`).expect(200)).text);
    expect(body).toContain('Days are counted in the body’s time zone, Asia/Almaty.');
  });

  it('tells apart declined, “maybe” and not answered in the representation API', async () => {
    const representation = (
      await suite.t.admin.get(`/api/meetings/${meetingId('scheduled')}/representation`).expect(200)
    ).body;
    const reason = (country: string) =>
      representation.flags.find((f: { countryCode: string }) => f.countryCode === country)?.reason;
    expect(reason('KZ')).toBe('declined');
    expect(reason('TJ')).toBe('tentative');
    expect(reason('UZ')).toBe('pending');
  });

  it('words form errors with the form’s own labels in the reader’s language', async () => {
    const option = await post(`/meetings/${meetingId('tentative')}/options`, { startsAt: 'garbage' }).expect(400);
    const optionText = text(option.text);
    expect(optionText).not.toMatch(/startsAt|ISO 8601/);
    expect(optionText).toContain(`${t('mp.form.startsAt', 'en')}: ${t('form.reason.dateTime', 'en')}`);

    const agenda = await post(`/meetings/${meetingId('tentative')}/agenda`, {
      'title.en': 'X',
      durationMinutes: 'abc',
    });
    expect(agenda.status).toBe(400);
    expect(text(agenda.text)).not.toContain('durationMinutes');
    expect(text(agenda.text).match(/Minutes planned \(optional\): /g)).toHaveLength(2);

    const member = await post('/members', { fullName: '', email: 'bad', countryCode: 'QQ' }).expect(400);
    expect(text(member.text)).not.toMatch(/fullName|countryCode must|email must/);
    expect(text(member.text)).toContain(`${t('members.email', 'en')}: ${t('form.reason.email', 'en')}`);

    const filter = await get('/work-plan?due=soon&country=QQ').expect(400);
    expect(text(filter.text)).not.toMatch(/due must|country must/);
    expect(text(filter.text)).toContain(`${t('wpp.filter.due', 'en')}: ${t('form.reason.choice', 'en')}`);
  });
});
