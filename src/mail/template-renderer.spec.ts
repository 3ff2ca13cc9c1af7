import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { EMAIL_KINDS } from './email-kinds';
import type { EmailData, EmailKind } from './email-kinds';
import { SAMPLE_APP_URL, sampleData } from '../../test/support/email-samples';
import { TEMPLATES_DIR, TemplateRenderer } from './template-renderer';
import type { RenderedEmail } from './template-renderer';

const renderer = new TemplateRenderer();
const CASES = EMAIL_KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const));
const CYRILLIC = /[\u0400-\u04FF]/;
/** Letters Kazakh has and Russian has not. */
const KAZAKH = /[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/;

/** html-to-text wraps at 78 columns: compare texts with their whitespace collapsed. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

function render<K extends EmailKind>(kind: K, data: EmailData[K]): RenderedEmail {
  return renderer.render(kind, data);
}

/** Every URL the reader may need (action links, pages, minutes, poll, sign-in, preferences). */
function urlsIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /url$/i.test(key) && key !== 'appUrl' ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => urlsIn(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => urlsIn(v, k));
  return [];
}

/** What the email is about: the meeting title, the activity, the digest entries. */
function subjectsOf(data: EmailData[EmailKind]): string[] {
  if ('meeting' in data && data.meeting) return [data.meeting.title];
  if ('item' in data) return [data.item.activity];
  if ('entries' in data) return data.entries.map((e) => e.title);
  if ('meetings' in data)
    return [
      ...data.meetings.map((m) => m.title),
      ...data.deadlines.map((d) => d.activity),
      ...data.unanswered.map((u) => u.member),
    ];
  return [];
}

describe('email templates', () => {
  it('exist for every kind and language', () => {
    expect(renderer.missingTranslations()).toEqual([]);
  });

  it('never print unescaped data: triple braces only for the body in the layouts', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.hbs')) files.push(join(dir, entry.name));
      }
    };
    walk(TEMPLATES_DIR);
    // The kinds' bodies and subjects, a layout per language and the button partial.
    expect(files.length).toBe(EMAIL_KINDS.length * LANGUAGES.length * 2 + LANGUAGES.length + 1);
    for (const file of files) {
      const triples = readFileSync(file, 'utf8').match(/\{\{\{[^}]*\}\}\}|\{\{&/g) ?? [];
      expect({ file, triples }).toEqual({ file, triples: /layout\.\w+\.hbs$/.test(file) ? ['{{{body}}}'] : [] });
    }
  });

  describe.each(CASES)('%s in %s', (kind, language) => {
    const data = sampleData(kind, language);
    const email = render(kind, data);

    it('renders a subject, a complete HTML document in that language and a text twin', () => {
      expect(email.language).toBe(language);
      expect(email.subject.length).toBeGreaterThan(5);
      expect(email.subject).not.toMatch(/\{\{|\}\}|\n/);
      expect(email.html).toMatch(/^(<!DOCTYPE html>|<html)/i);
      expect(email.html).toMatch(new RegExp(`<html lang="${language}"[ >]`));
      expect(email.html).toContain('charset=UTF-8');
      expect(email.html).not.toMatch(/\{\{|\}\}/);
      expect(email.text.length).toBeGreaterThan(100);
    });

    it('names what it is about and carries every link in the text version', () => {
      const text = flat(email.text);
      const about = subjectsOf(data);
      if (kind !== 'sign-in-link') expect(about.length).toBeGreaterThan(0);
      for (const title of about) expect(text).toContain(flat(title));
      const urls = urlsIn(data);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(text).toContain(url);
    });
  });

  describe('times', () => {
    const MEETING_KINDS = [
      'meeting-invitation',
      'meeting-update',
      'meeting-cancellation',
      'meeting-postponement',
      'meeting-reminder',
      'meeting-rsvp-chase',
    ] as const;

    function at<K extends (typeof MEETING_KINDS)[number]>(
      kind: K,
      language: Language,
      meetingZone: string,
    ): RenderedEmail {
      const data = sampleData(kind, language);
      data.recipient.timeZone = 'Asia/Bishkek';
      Object.assign(data.meeting, { startsAt: '2019-12-03T05:00:00Z', endsAt: null, timeZone: meetingZone });
      return render(kind, data);
    }

    it.each(MEETING_KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const)))(
      '%s (%s) shows the reader’s time and the meeting’s local time with its zone',
      (kind, language) => {
        const { html, text } = at(kind, language, 'Europe/Brussels');
        expect(html).toContain('11:00');
        expect(html).toContain('Asia/Bishkek (UTC+6)');
        expect(html).toContain('06:00');
        expect(html).toContain('Europe/Brussels (UTC+1)');
        expect(flat(text)).toMatch(/11:00[\s\S]*06:00/);
      },
    );

    it.each(LANGUAGES)('shows one time when the meeting is in the reader’s zone (%s)', (language) => {
      const { html } = at('meeting-invitation', language, 'Asia/Bishkek');
      expect(html).toContain('11:00');
      expect(html).not.toContain('06:00');
      expect(html).not.toContain('Europe/Brussels');
    });

    it('shows each poll option in both zones', () => {
      const data = sampleData('meeting-poll', 'ru');
      data.recipient.timeZone = 'Asia/Bishkek';
      data.poll.options[0].startsAt = '2019-12-03T05:00:00Z';
      data.poll.options[0].endsAt = '2019-12-03T12:00:00Z';
      const text = flat(render('meeting-poll', data).text);
      expect(text).toContain('3 декабря 2019 г. в 11:00 – 18:00');
      expect(text).toContain('3 декабря 2019 г. в 06:00 – 13:00, Europe/Brussels (UTC+1)');
      expect(text).toContain(data.poll.options[2].text ?? 'missing');
    });

    it('formats dates in the reader’s language', () => {
      const en = render('meeting-invitation', sampleData('meeting-invitation', 'en'));
      const ru = render('meeting-invitation', sampleData('meeting-invitation', 'ru'));
      const kk = render('meeting-invitation', sampleData('meeting-invitation', 'kk'));
      expect(en.text).toContain('December 2019');
      expect(ru.text).toContain('декабря 2019');
      expect(kk.text).toContain('желтоқсан');
    });
  });

  describe('escaping', () => {
    const NAME = '<script>alert(1)</script>';
    const TITLE = 'Water & "Air" <b>quality</b>';

    it.each(CASES)('%s (%s) escapes the reader’s name and the titles', (kind, language) => {
      const data: EmailData[EmailKind] = sampleData(kind, language);
      data.recipient.fullName = NAME;
      if ('meeting' in data && data.meeting) data.meeting.title = TITLE;
      if ('item' in data) data.item.activity = TITLE;
      if ('entries' in data) data.entries[0].title = TITLE;
      if ('meetings' in data) data.meetings[0].title = TITLE;
      const { html, text } = render(kind, data);
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<b>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      if (kind !== 'sign-in-link') expect(html).toContain('Water &amp; &quot;Air&quot; &lt;b&gt;quality&lt;/b&gt;');
      // the text twin shows what was typed, as text
      expect(text).toContain(NAME);
    });

    it('escapes URLs and reasons too', () => {
      const data = sampleData('meeting-cancellation', 'en');
      data.meeting.reason = '<img src=x onerror=alert(1)>';
      data.meeting.url = 'https://wgecc.example.org/m?a=1&b="><script>';
      const { html } = render('meeting-cancellation', data);
      expect(html).not.toContain('<img');
      expect(html).not.toContain('"><script>');
      expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    });
  });

  describe('a missing translation', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'wgs-templates-'));
      cpSync(TEMPLATES_DIR, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('falls back to English and is listed', () => {
      rmSync(join(dir, 'meeting-invitation', 'meeting-invitation.kk.hbs'));
      const partial = new TemplateRenderer(dir);
      expect(partial.missingTranslations()).toEqual(['meeting-invitation/meeting-invitation.kk.hbs']);

      const email = partial.render('meeting-invitation', sampleData('meeting-invitation', 'kk'));
      expect(email.language).toBe('en');
      expect(email.html).toMatch(/<html lang="en"[ >]/);
      expect(email.subject).toMatch(/^Invitation: /);
      expect(email.text).toContain('Dear Айгерім Сәрсенова');
      // other kinds still go out in Kazakh
      expect(partial.render('meeting-reminder', sampleData('meeting-reminder', 'kk')).language).toBe('kk');
    });

    it('falls back when only the subject is missing', () => {
      rmSync(join(dir, 'item-overdue', 'item-overdue.subject.ru.hbs'));
      const partial = new TemplateRenderer(dir);
      expect(partial.missingTranslations()).toEqual(['item-overdue/item-overdue.subject.ru.hbs']);
      expect(partial.render('item-overdue', sampleData('item-overdue', 'ru')).language).toBe('en');
    });
  });

  describe('languages', () => {
    it('writes the Russian and Kazakh invitations in Russian and Kazakh', () => {
      const [en, ru, kk] = LANGUAGES.map(
        (language) => render('meeting-invitation', sampleData('meeting-invitation', language)).subject,
      );
      expect(ru).toMatch(CYRILLIC);
      expect(ru).not.toBe(en);
      expect(ru).toMatch(/^Приглашение: /);
      expect(kk).toMatch(KAZAKH);
      expect(kk).not.toBe(ru);
      expect(kk).toMatch(/^Шақыру: /);
    });

    // English data, so every Cyrillic letter comes from the template itself.
    it.each(EMAIL_KINDS)('%s: the template, not the data, is in the reader’s language', (kind) => {
      const data: EmailData[EmailKind] = sampleData(kind, 'en');
      const as = (language: Language) => render(kind, { ...data, language });
      const en = as('en');
      const ru = as('ru');
      const kk = as('kk');
      expect(en.subject + en.text).not.toMatch(CYRILLIC);
      expect(ru.subject).toMatch(CYRILLIC);
      expect(ru.text).toMatch(/Секретариат РГОСИК/);
      expect(ru.subject + ru.text).not.toMatch(KAZAKH);
      expect(kk.subject).toMatch(CYRILLIC);
      expect(kk.text).toMatch(KAZAKH);
      expect(kk.text).toMatch(/Жұмыс тобының хатшылығы/);
    });

    it.each([
      ['ru', 0, 'сегодня'],
      ['ru', 1, 'завтра'],
      ['ru', 2, 'через 2 дня'],
      ['ru', 5, 'через 5 дней'],
      ['ru', 21, 'через 21 день'],
      ['kk', 1, 'ертең'],
      ['kk', 5, '5 күннен кейін'],
      ['en', 1, 'tomorrow'],
      ['en', 3, 'in 3 days'],
    ] as const)('counts days in %s: %i → %s', (language, daysBefore, expected) => {
      const data = sampleData('meeting-reminder', language);
      data.daysBefore = daysBefore;
      const email = render('meeting-reminder', data);
      expect(email.subject).toContain(expected);
      expect(flat(email.text)).toContain(expected);
    });

    it.each([
      ['ru', 1, '1 неделю назад'],
      ['ru', 3, '3 недели назад'],
      ['ru', 5, '5 недель назад'],
      ['kk', 3, '3 апта бұрын'],
      ['en', 1, 'by 1 week'],
      ['en', 4, 'by 4 weeks'],
    ] as const)('counts overdue weeks in %s: %i → %s', (language, weeksOverdue, expected) => {
      const data = sampleData('item-overdue', language);
      data.weeksOverdue = weeksOverdue;
      expect(render('item-overdue', data).subject).toContain(expected);
    });
  });

  describe('content', () => {
    it.each([
      [1, '1st'],
      [2, '2nd'],
      [3, '3rd'],
      [9, '9th'],
      [11, '11th'],
      [12, '12th'],
      [13, '13th'],
      [21, '21st'],
      [22, '22nd'],
      [101, '101st'],
      [102, '102nd'],
      [104, '104th'],
      [111, '111th'],
      [123, '123rd'],
    ])('numbers meeting %i as the %s meeting', (number, ordinal) => {
      const data = sampleData('meeting-invitation', 'en');
      data.meeting.number = number;
      expect(render('meeting-invitation', data).text).toContain(`${ordinal} meeting of the Working Group (WGECC)`);
    });

    it('numbers meetings in Russian and Kazakh, and not at all without a number', () => {
      expect(render('meeting-invitation', sampleData('meeting-invitation', 'ru')).text).toContain(
        '9-е заседание Рабочей группы (РГОСИК)',
      );
      expect(render('meeting-invitation', sampleData('meeting-invitation', 'kk')).text).toContain(
        'Жұмыс тобының 9-отырысы',
      );
      expect(render('meeting-cancellation', sampleData('meeting-cancellation', 'ru')).text).toContain(
        '2-е заседание Руководящего комитета',
      );
      const data = sampleData('meeting-invitation', 'en');
      data.meeting.number = null;
      expect(render('meeting-invitation', data).text).not.toContain('meeting of the Working Group (WGECC)');
    });

    it.each([
      ['en', /^Save the date: /, 'save the date'],
      ['ru', /^Предварительное приглашение: /, 'предварительный характер'],
      ['kk', /^Алдын ала шақыру: /, 'болжамды'],
    ] as const)('reads as a save-the-date for a tentative meeting (%s)', (language, subject, phrase) => {
      const data = sampleData('meeting-invitation', language);
      data.meeting.status = 'tentative';
      const email = render('meeting-invitation', data);
      expect(email.subject).toMatch(subject);
      expect(flat(email.text)).toContain(phrase);
      const scheduled = render('meeting-invitation', sampleData('meeting-invitation', language));
      expect(scheduled.subject).not.toMatch(subject);
    });

    it('tells the reader what they answered', () => {
      const data = sampleData('meeting-reminder', 'en');
      data.response = 'accepted';
      expect(render('meeting-reminder', data).text).toContain('You have confirmed your attendance');
      data.response = 'pending';
      expect(render('meeting-reminder', data).text).toContain('We have not yet received your answer');
      data.response = 'declined';
      expect(render('meeting-reminder', data).text).toContain('you cannot attend');
    });

    it('shows the previous time and place beside the new ones', () => {
      const text = flat(render('meeting-update', sampleData('meeting-update', 'en')).text);
      expect(text).toContain('Tuesday, 3 December 2019');
      expect(text).toContain('Previously: Thursday, 28 November 2019');
      expect(text).toContain('Previously: European Commission, Berlaymont building, Brussels');
      expect(text).toContain('Previous link, no longer valid: https://meet.wgecc.example.org/wgecc-9-old');
    });

    it('does not mark unchanged details as changed', () => {
      const data = sampleData('meeting-update', 'ru');
      data.previous = {
        startsAt: data.meeting.startsAt,
        endsAt: data.meeting.endsAt,
        location: data.meeting.location,
        onlineUrl: data.meeting.onlineUrl,
      };
      expect(render('meeting-update', data).text).not.toContain('Ранее:');
    });

    it.each(['meeting-cancellation', 'meeting-postponement'] as const)(
      '%s gives the reason when there is one',
      (kind) => {
        const data = sampleData(kind, 'kk');
        const reason = data.meeting.reason ?? 'missing';
        expect(flat(render(kind, data).text)).toContain(`Себебі: ${reason}`);
        data.meeting.reason = null;
        expect(render(kind, data).text).not.toContain('Себебі:');
      },
    );

    it('shows a work-plan deadline as written, with its due date and executor', () => {
      const text = flat(render('item-due-soon', sampleData('item-due-soon', 'ru')).text);
      expect(text).toContain('Сроки по рабочему плану: Июль 2019');
      expect(text).toContain('Срок исполнения: 31 июля 2019 г.');
      expect(text).toContain('Исполнитель: WECOOP 2');
      expect(text).toContain('через 5 дней');
    });

    it('lists digest entries grouped by kind: meetings, polls, minutes, then the work plan', () => {
      const data = sampleData('digest', 'en');
      const text = flat(render('digest', data).text);
      const position = (kind: EmailKind) => text.indexOf(data.entries.find((e) => e.kind === kind)?.title ?? 'missing');
      const order = [
        'meeting-invitation',
        'meeting-poll',
        'minutes-available',
        'item-overdue',
        'item-due-soon',
      ] as const;
      for (const kind of order) expect(position(kind)).toBeGreaterThan(0);
      expect(order.map(position)).toEqual(order.map(position).sort((a, b) => a - b));
      expect(render('digest', data).subject).toBe('Your weekly summary: 5 updates');
      const empty = render('digest', { ...data, entries: [] });
      expect(empty.text).toContain('There is nothing new for you this time.');
    });

    it.each([
      ['en', 'No failed deliveries.', 'No meetings are coming up.', 'Every invitation has been answered.'],
      ['ru', 'Недоставленных писем нет.', 'Предстоящих заседаний нет.', 'На все приглашения получены ответы.'],
      ['kk', 'Жеткізілмеген хаттар жоқ.', 'Алдағы отырыстар жоқ.', 'Барлық шақыруларға жауап алынды.'],
    ] as const)(
      'gives the secretariat one section per list, with a sentence for an empty one (%s)',
      (language, noFailed, noMeetings, noUnanswered) => {
        const data = sampleData('secretariat-digest', language);
        const full = flat(render('secretariat-digest', data).text);
        expect(full).toContain(noFailed);
        expect(full).not.toContain(noMeetings);
        const empty = flat(
          render('secretariat-digest', {
            ...data,
            meetings: [],
            deadlines: [],
            overdueByExecutor: [],
            overdueByCountry: [],
            unanswered: [],
            failed: [],
          }).text,
        );
        for (const sentence of [noFailed, noMeetings, noUnanswered]) expect(empty).toContain(sentence);
      },
    );

    it.each([
      ['en', 'WECOOP 2: 1 activity', 'KG: 21 activities'],
      ['ru', 'WECOOP 2: 1 мероприятие', 'KG: 21 мероприятие'],
      ['kk', 'WECOOP 2: 1 іс-шара', 'KG: 21 іс-шара'],
    ] as const)('counts overdue activities for the secretariat in %s', (language, byExecutor, byCountry) => {
      const data = sampleData('secretariat-digest', language);
      data.overdueByExecutor = [{ executor: 'WECOOP 2', count: 1 }];
      data.overdueByCountry = [{ country: 'KG', count: 21 }];
      const text = flat(render('secretariat-digest', data).text);
      expect(text).toContain(byExecutor);
      expect(text).toContain(byCountry);
      const five = flat(
        render('secretariat-digest', { ...data, overdueByCountry: [{ country: 'KG', count: 5 }] }).text,
      );
      expect(five).toContain(`KG: 5 ${{ en: 'activities', ru: 'мероприятий', kk: 'іс-шара' }[language]}`);
    });

    it('names failed deliveries with their kind in the reader’s language', () => {
      const data = sampleData('secretariat-digest', 'ru');
      data.failed = [
        { recipient: 'a.mamytov@demo.wgecc.example', kind: 'meeting-invitation', error: '550 mailbox unavailable' },
      ];
      const text = flat(render('secretariat-digest', data).text);
      expect(text).toContain('a.mamytov@demo.wgecc.example: Приглашение');
      expect(text).toContain('550 mailbox unavailable');
      expect(text).not.toContain('Недоставленных писем нет.');
    });

    it('says why the reader gets the email, with the preference and unsubscribe links only when given', () => {
      const withLinks = render('meeting-reminder', sampleData('meeting-reminder', 'en'));
      expect(withLinks.text).toContain('You receive this email because');
      expect(withLinks.text).toContain('Unsubscribe from these emails');
      const without = sampleData('meeting-reminder', 'en');
      without.preferencesUrl = null;
      without.unsubscribeUrl = undefined;
      const plain = render('meeting-reminder', without);
      expect(plain.text).toContain('You receive this email because');
      expect(plain.text).not.toContain('Unsubscribe');
      expect(plain.text).not.toContain('time zone or summary settings');
    });
  });
});

describe('subjects', () => {
  it('are plain text: characters HTML would escape reach the reader as they are', () => {
    const data = sampleData('meeting-invitation', 'en');
    data.meeting.title = 'Water & "Air" <quality>';
    const rendered = new TemplateRenderer().render('meeting-invitation', data);
    expect(rendered.subject).toContain('Water & "Air" <quality>');
    expect(rendered.html).not.toContain('<quality>');
  });
});

describe('shapes reused between readers', () => {
  const wholeEveryTime = new TemplateRenderer(TEMPLATES_DIR, 0);

  /** Another reader of the same email: their own name and their own signed links. */
  function readerOf<K extends EmailKind>(kind: K, language: Language, fullName: string, token: string): EmailData[K] {
    const data = sampleData(kind, language);
    const swap = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(swap);
      if (value && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value).map(([k, v]) => [
            k,
            typeof v === 'string' && /\/a\//.test(v) ? `${v.split('/a/')[0]}/a/${token}.${k}` : swap(v),
          ]),
        );
      }
      return value;
    };
    const swapped = swap(data) as EmailData[K];
    swapped.recipient = { ...swapped.recipient, fullName };
    if (swapped.preferencesUrl) swapped.preferencesUrl = `${SAMPLE_APP_URL}/a/${token}.preferences`;
    return swapped;
  }

  it.each(CASES)('give %s (%s) exactly as a whole rendering would, for every reader', (kind, language) => {
    const reusing = new TemplateRenderer();
    const readers = [
      readerOf(kind, language, 'Dilshod Rakhimov', 'tokenA'),
      readerOf(kind, language, 'Siobhán O\'Brien & <Sons> "Ltd" = x', 'tokenB'),
      readerOf(kind, language, 'Айгерім Сәрсенова', 'tokenC'),
      readerOf(kind, language, '  Spaced   Name ', 'tokenD'),
    ];
    for (const data of readers) expect(reusing.render(kind, data)).toEqual(wholeEveryTime.render(kind, data));
  });

  it('never give an earlier version of the meeting: a moved meeting is another shape', () => {
    const reusing = new TemplateRenderer();
    const before = sampleData('meeting-reminder', 'en');
    const moved = sampleData('meeting-reminder', 'en');
    moved.meeting.startsAt = '2031-12-02T05:00:00.000Z';
    moved.meeting.title = 'Moved meeting';
    reusing.render('meeting-reminder', before);
    expect(reusing.render('meeting-reminder', moved)).toEqual(wholeEveryTime.render('meeting-reminder', moved));
    expect(reusing.render('meeting-reminder', moved).text).toContain('Moved meeting');
  });

  it('keep at most the shapes they were given room for', () => {
    const reusing = new TemplateRenderer(TEMPLATES_DIR, 5);
    for (let i = 0; i < 20; i++) {
      const data = sampleData('meeting-reminder', 'en');
      data.meeting.title = `Meeting ${i}`;
      expect(reusing.render('meeting-reminder', data).subject).toContain(`Meeting ${i}`);
    }
    expect((reusing as unknown as { shapes: Map<string, unknown> }).shapes.size).toBe(5);
  });
});
