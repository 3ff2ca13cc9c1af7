import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Language } from '../../src/common/i18n/languages';
import { PHONE, SCREENSHOTS, seriousViolations, signIn } from '../support/browser';
import { addMembership, createBody, createMeeting, createMember, meetingHasBegun } from '../support/factories';
import { pageSuite } from '../support/page-suite';
import { waitFor } from '../support/smtp-sink';
import type { ReceivedMail } from '../support/smtp-sink';

const PORT = 39711;
const BASE = `http://127.0.0.1:${PORT}`;
const LANGS: Language[] = ['en', 'ru', 'kk'];
const ZONES: Record<Language, string> = { en: 'Asia/Tashkent', ru: 'Asia/Bishkek', kk: 'Asia/Almaty' };
/** Every kind the app sends to a member (the secretariat's digest goes to the secretariat only). */
const MEMBER_KINDS = [
  'sign-in-link',
  'meeting-poll',
  'poll-chase',
  'meeting-invitation',
  'meeting-rsvp-chase',
  'meeting-reminder',
  'meeting-update',
  'minutes-available',
  'meeting-postponement',
  'meeting-cancellation',
  'substitute-withdrawn',
  'item-due-soon',
  'item-due-today',
  'item-overdue',
  'item-escalation',
  'digest',
];

const TITLE = { en: 'Tenth meeting of the WGECC', ru: 'Десятое заседание РГОСИК', kk: 'Жұмыс тобының оныншы отырысы' };
const ACTIVITY = {
  en: 'Update of the Investor Guide',
  ru: 'Обновление Руководства для инвесторов',
  kk: 'Инвесторларға арналған нұсқаулықты жаңарту',
};

interface Person {
  language: Language;
  id: string;
  email: string;
  page: Page;
  context: BrowserContext;
  walked: number;
}

/**
 * A member follows every link of every email the app sends them, in English, Russian and Kazakh, on a
 * phone: each lands on a page (200) in their language, about what the email was about, with no serious
 * accessibility problem.
 */
describe('every link of every email, as the member it was sent to', () => {
  const suite = pageSuite(PORT, { demo: false, env: { RECONCILE_EVERY_MS: '300' } });
  const { smtp } = suite;
  const people = {} as Record<Language, Person>;
  const kindsSeen = new Map<Language, Set<string>>(LANGS.map((l) => [l, new Set()]));
  const visited = new Set<string>();
  const axed = new Set<string>();
  let bodyId: string;
  let planId: string;
  let proposer: { id: string };

  beforeAll(async () => {
    bodyId = (await createBody(suite.t, { name: { en: 'Working Group', ru: 'Рабочая группа', kk: 'Жұмыс тобы' } })).id;
    planId = (
      await suite.t.admin
        .post('/api/work-plans')
        .send({ bodyId, title: { en: 'Work plan 2031' }, period: '2031' })
        .expect(201)
    ).body.id;
    for (const language of LANGS) {
      const member = await createMember(suite.t, {
        fullName: { en: 'Erlan Abenov', ru: 'Руслан Бекович', kk: 'Қайрат Сәтбаев' }[language],
        email: `${language}@member.example.org`,
        countryCode: 'KZ',
        language,
        timeZone: ZONES[language],
        digest: 'immediate',
      });
      // Chairs, so that the escalation of an overdue activity reaches them too.
      await addMembership(suite.t, bodyId, { memberId: member.id, role: 'chair', startDate: '2020-01-01' });
      const context = await suite.browser.newContext({ viewport: PHONE, bypassCSP: true, locale: 'en-GB' });
      people[language] = {
        language,
        id: member.id,
        email: member.email,
        context,
        page: await context.newPage(),
        walked: 0,
      };
    }
    proposer = await createMember(suite.t, {
      fullName: 'Dana Nurlanova',
      email: 'proposer@member.example.org',
      language: 'en',
    });
    await addMembership(suite.t, bodyId, { memberId: proposer.id, role: 'member', startDate: '2020-01-01' });
    for (const language of LANGS) await signIn(people[language].page, BASE, smtp, people[language].email);
  }, 60_000);

  const kindOf = async (mail: ReceivedMail): Promise<string> => {
    const id = mail.parsed.headers.get('x-wgs-notification');
    if (!id) return 'sign-in-link';
    const [row] = await suite.t.dataSource.query<{ kind: string }[]>('SELECT kind FROM notification WHERE id = $1', [
      id,
    ]);
    return row.kind;
  };

  /** Brings every planned email of a kind about a subject forward to now, as if its day had come. */
  const fire = (kind: string, subjectId: string) =>
    suite.t.dataSource.query(
      `UPDATE notification SET due_at = now(), version = version + 1 WHERE kind = $1 AND subject_id = $2 AND status = 'scheduled'`,
      [kind, subjectId],
    );

  /** Waits for each member's email of the kind, then follows every link of every email they have not walked yet. */
  const walkAfter = async (kind: string, expected: Record<Language, string> | null, only: Language[] = LANGS) => {
    for (const language of only) {
      const person = people[language];
      await waitFor(
        async () => {
          for (const mail of smtp.to(person.email).slice(person.walked)) if ((await kindOf(mail)) === kind) return true;
          return false;
        },
        { what: `the ${kind} email to the ${language} member`, timeout: 30_000 },
      );
      const mails = smtp.to(person.email).slice(person.walked);
      person.walked += mails.length;
      for (const mail of mails) {
        const mailKind = await kindOf(mail);
        kindsSeen.get(language)!.add(mailKind);
        await follow(person, mail, mailKind === kind ? expected : null);
      }
    }
  };

  const follow = async (person: Person, mail: ReceivedMail, expected: Record<Language, string> | null) => {
    const html = String(mail.parsed.html || '');
    const links = [...html.matchAll(/href="([^"]+)"/g)]
      .map((m) => m[1].replace(/&amp;/g, '&'))
      .filter((href) => href.startsWith(BASE));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const key = `${person.language} ${link}`;
      if (visited.has(key)) continue;
      visited.add(key);
      const where = `${mail.subject} → ${link}`;
      // A letter or a document is a download, not a page: the member's browser saves it under its name.
      if (/^\/(letters|documents\/link)\//.test(new URL(link).pathname)) {
        const download = await person.page.request.get(link);
        expect([where, download.status()]).toEqual([where, 200]);
        expect([where, download.headers()['content-disposition']]).toEqual([
          where,
          expect.stringMatching(/^attachment;/),
        ]);
        continue;
      }
      // A link to the page already open, but for its #anchor, would not load it again.
      if (person.page.url().split('#')[0] === link.split('#')[0]) await person.page.goto('about:blank');
      const response = await person.page.goto(link);
      expect([where, response?.status()]).toEqual([where, 200]);
      expect([where, await person.page.getAttribute('html', 'lang')]).toEqual([where, person.language]);
      const text = await person.page.locator('main').innerText();
      expect(text).not.toMatch(/statusCode|Cannot GET/);
      const path = new URL(link).pathname;
      if (expected && (path.startsWith('/meetings/') || path.startsWith('/work-plan/items/')))
        expect([where, text.includes(expected[person.language])]).toEqual([where, true]);
      const shape = `${person.language} ${path.replace(/[0-9a-f-]{36}/g, ':id').replace(/^\/(a|sign-in)\/.*/, '/$1/:token')}`;
      if (!axed.has(shape)) {
        axed.add(shape);
        expect([shape, await seriousViolations(person.page)]).toEqual([shape, []]);
      }
    }
  };

  it('walks the links of every email kind in en, ru and kk on a phone', async () => {
    // The sign-in emails were walked by signing in.
    for (const language of LANGS) {
      people[language].walked = smtp.to(people[language].email).length;
      kindsSeen.get(language)!.add('sign-in-link');
    }
    const memberIds = LANGS.map((l) => people[l].id);

    // A meeting looking for its date: the poll, then its chase.
    const meetingId = await createMeeting(suite.t, {
      bodyId,
      kind: 'working_group',
      number: 10,
      title: TITLE,
      timeZone: 'Europe/Brussels',
      location: { venue: 'Avenue de Beaulieu 5', city: 'Brussels', countryCode: 'BE' },
      onlineUrl: 'https://meet.example.org/wgecc-10',
    });
    for (const item of [
      {
        title: { en: 'Results of WECOOP 2', ru: 'Итоги WECOOP 2', kk: 'WECOOP 2 қорытындылары' },
        durationMinutes: 45,
        presenterId: people.en.id,
        documents: [{ title: 'WECOOP 2 final report.pdf', url: 'https://docs.example.org/wecoop2-report.pdf' }],
      },
      {
        title: { en: 'Work plan 2032', ru: 'Рабочий план на 2032 год', kk: '2032 жылғы жұмыс жоспары' },
        durationMinutes: 60,
        documents: [{ title: 'Draft work plan 2032.docx', url: 'https://docs.example.org/draft-2032.docx' }],
      },
    ])
      await suite.t.admin.post(`/api/meetings/${meetingId}/agenda`).send(item).expect(201);
    const option = (
      await suite.t.admin
        .post(`/api/meetings/${meetingId}/date-options`)
        .send({ startsAt: '2031-11-27T10:00:00+01:00', endsAt: '2031-11-27T17:00:00+01:00', label: 'End of November' })
        .expect(201)
    ).body.id as string;
    await suite.t.admin.post(`/api/meetings/${meetingId}/date-options`).send({ text: 'февраль 2032' }).expect(201);
    await suite.t.admin
      .post(`/api/meetings/${meetingId}/poll`)
      .send({ memberIds, closesAt: '2031-10-15T18:00:00+05:00' })
      .expect(200);
    await walkAfter('meeting-poll', TITLE);
    await people.ru.page.goto(`${BASE}/meetings/${meetingId}/poll`);
    await people.ru.page.screenshot({ path: join(SCREENSHOTS, 'member-poll-ru-phone.png'), fullPage: true });
    await fire('poll-chase', meetingId);
    await walkAfter('poll-chase', TITLE);

    // The date decided: invitations, the chase of those who did not answer, the reminder, a change of place.
    await suite.t.admin.post(`/api/meetings/${meetingId}/confirm`).send({ dateOptionId: option }).expect(200);
    await walkAfter('meeting-invitation', TITLE);
    await fire('meeting-rsvp-chase', meetingId);
    await walkAfter('meeting-rsvp-chase', TITLE);
    await fire('meeting-reminder', meetingId);
    await walkAfter('meeting-reminder', TITLE);
    await suite.t.admin
      .patch(`/api/meetings/${meetingId}`)
      .send({ location: { venue: 'Berlaymont', city: 'Brussels', countryCode: 'BE' } })
      .expect(200);
    await walkAfter('meeting-update', TITLE);

    // The README's pictures: the member's page of the meeting in each language, the others' answers in.
    for (const [language, response] of [
      ['en', 'accepted'],
      ['ru', 'accepted'],
      ['kk', 'tentative'],
    ] as const)
      await suite.t.admin
        .put(`/api/meetings/${meetingId}/invitations/${people[language].id}`)
        .send({ response })
        .expect(200);
    for (const language of LANGS) {
      const { page } = people[language];
      await page.goto(`${BASE}/meetings/${meetingId}`);
      await page.screenshot({ path: join(SCREENSHOTS, `member-meeting-${language}-phone.png`), fullPage: true });
    }

    // Held, its minutes approved with an action item for the three.
    const putBack = await meetingHasBegun(suite.t, meetingId);
    await suite.t.admin.patch(`/api/meetings/${meetingId}`).send({ status: 'held' }).expect(200);
    await putBack();
    await suite.t.admin
      .put(`/api/meetings/${meetingId}/minutes`)
      .send({
        text: 'The meeting opened at 10:00.',
        decisions: [
          { text: 'Adopt the agenda.' },
          {
            text: 'Prepare the 2032 work plan.',
            actionItems: [
              { activity: 'Draft the 2032 work plan', deadline: 'February 2032', responsibleMemberIds: memberIds },
            ],
          },
        ],
      })
      .expect(200);
    await suite.t.admin.post(`/api/meetings/${meetingId}/minutes/approve`).send({ workPlanId: planId }).expect(200);
    await walkAfter('minutes-available', TITLE);

    // Another meeting postponed, a third cancelled.
    for (const [ending, kind] of [
      ['postpone', 'meeting-postponement'],
      ['cancel', 'meeting-cancellation'],
    ] as const) {
      const other = await createMeeting(suite.t, {
        bodyId,
        kind: 'technical',
        title: TITLE,
        timeZone: 'Asia/Almaty',
        startsAt: '2031-12-10T10:00:00+05:00',
      });
      await suite.t.admin.post(`/api/meetings/${other}/invitations`).send({ memberIds }).expect(200);
      await walkAfter('meeting-invitation', TITLE);
      await suite.t.admin.post(`/api/meetings/${other}/${ending}`).send({ reason: 'COP' }).expect(200);
      await walkAfter(kind, TITLE);
    }

    // A colleague names each of them as substitute in turn: each one replaced is told.
    const withSubstitutes = await createMeeting(suite.t, {
      bodyId,
      kind: 'technical',
      title: TITLE,
      timeZone: 'Asia/Almaty',
      startsAt: '2031-12-12T10:00:00+05:00',
    });
    await suite.t.admin
      .post(`/api/meetings/${withSubstitutes}/invitations`)
      .send({ memberIds: [proposer.id] })
      .expect(200);
    const named: Language[] = [...LANGS, 'en'];
    for (const [i, language] of named.entries()) {
      await suite.t.admin
        .put(`/api/meetings/${withSubstitutes}/invitations/${proposer.id}`)
        .send({ response: 'delegated', delegateMemberId: people[language].id })
        .expect(200);
      // Each link followed while it applies: the one replaced is no longer invited.
      if (i < LANGS.length) await walkAfter('meeting-invitation', TITLE, [language]);
      if (i > 0) await walkAfter('substitute-withdrawn', TITLE, [named[i - 1]]);
    }

    // An activity: due soon, due today, overdue, escalated.
    const item = (
      await suite.t.admin
        .post(`/api/work-plans/${planId}/items`)
        .send({ activity: ACTIVITY, deadline: '2031-09-30', responsibleMemberIds: memberIds })
        .expect(201)
    ).body.id as string;
    for (const kind of ['item-due-soon', 'item-due-today', 'item-overdue', 'item-escalation']) {
      await fire(kind, item);
      await walkAfter(kind, ACTIVITY);
    }

    // Gathered into a digest when they ask for one.
    for (const language of LANGS)
      await suite.t.admin.patch(`/api/members/${people[language].id}`).send({ digest: 'daily' }).expect(200);
    const later = (
      await suite.t.admin
        .post(`/api/work-plans/${planId}/items`)
        .send({ activity: ACTIVITY, deadline: '2031-10-31', responsibleMemberIds: memberIds })
        .expect(201)
    ).body.id as string;
    await fire('item-due-soon', later);
    await waitFor(
      async () =>
        (
          await suite.t.dataSource.query<unknown[]>(
            `SELECT 1 FROM notification WHERE kind = 'digest' AND status = 'scheduled' AND recipient_id = ANY($1)`,
            [memberIds],
          )
        ).length === 3,
      { what: 'the three digests planned' },
    );
    await suite.t.dataSource.query(
      `UPDATE notification SET due_at = now(), version = version + 1 WHERE kind = 'digest' AND status = 'scheduled' AND recipient_id = ANY($1)`,
      [memberIds],
    );
    await walkAfter('digest', null);

    // The personal calendar feed, subscribed from /me.
    await people.kk.page.goto(`${BASE}/me#calendar`);
    await people.kk.page.getByRole('button', { name: 'Күнтізбеме жазылу' }).click();
    await people.kk.page.waitForSelector('#feed-url');
    expect(await seriousViolations(people.kk.page)).toEqual([]);
    await people.kk.page.screenshot({ path: join(SCREENSHOTS, 'member-feed-kk-phone.png'), fullPage: true });

    for (const language of LANGS)
      expect([language, [...kindsSeen.get(language)!].sort()]).toEqual([language, [...MEMBER_KINDS].sort()]);
  }, 150_000);
});
