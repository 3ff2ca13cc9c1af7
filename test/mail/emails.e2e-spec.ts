import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { LANGUAGES } from '../../src/common/i18n/languages';
import { formatDate } from '../../src/common/time/format';
import { EMAIL_KINDS } from '../../src/mail/email-kinds';
import { MailTransport } from '../../src/mail/mail-transport';
import { TemplateRenderer } from '../../src/mail/template-renderer';
import { DESKTOP, horizontalOverflow, launchBrowser, PHONE, SCREENSHOTS } from '../support/browser';
import { sampleData } from '../support/email-samples';
import { createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import type { ReceivedMail } from '../support/smtp-sink';
import { startTestApp, testConfig } from '../support/test-app';
import type { TestApp } from '../support/test-app';

const unescape = (value: string) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=');

/** The addresses of the links drawn as buttons: an anchor inside a table cell painted with bgcolor. */
function buttonLinks(html: string): string[] {
  return [...html.matchAll(/<td\b[^>]*bgcolor="[^"]+"[^>]*>\s*<a\b[^>]*href="([^"]+)"/g)].map((m) => unescape(m[1]));
}

/** The MIME parts of a raw message whose type is a calendar, whatever they are called. */
function calendarParts(raw: string): string[] {
  return raw.match(/^Content-Type: *(text\/calendar|application\/ics)[^\r\n]*/gim) ?? [];
}

function parseCalendar(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const zone of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return component.getFirstSubcomponent('vevent')!;
}

describe('emails as their readers get them', () => {
  const smtp = new SmtpSink();
  beforeAll(() => smtp.start());
  afterAll(() => smtp.stop());

  describe('every kind, through SMTP', () => {
    const transport = () => new MailTransport(testConfig({ SMTP_URL: smtp.url }));
    const renderer = new TemplateRenderer();
    let received: { kind: string; language: string; mail: ReceivedMail }[] = [];

    beforeAll(async () => {
      smtp.clear();
      const mailer = transport();
      try {
        for (const kind of EMAIL_KINDS)
          for (const language of LANGUAGES) {
            const email = renderer.render(kind, sampleData(kind, language));
            const messageId = `<${kind}.${language}@emails.test>`;
            await mailer.send({
              messageId,
              to: { name: 'Reader', address: `${kind}.${language}@example.org` },
              ...email,
            });
          }
      } finally {
        mailer.onApplicationShutdown();
      }
      received = EMAIL_KINDS.flatMap((kind) =>
        LANGUAGES.map((language) => ({ kind, language, mail: smtp.to(`${kind}.${language}@example.org`)[0] })),
      );
    }, 60_000);

    it('arrive in the table layout, and the text part carries every link of the buttons', () => {
      expect(received.every(({ mail }) => mail)).toBe(true);
      for (const { kind, language, mail } of received) {
        const html = String(mail.parsed.html);
        const text = mail.parsed.text ?? '';
        expect({ kind, language, tables: /<table\b[^>]*role="presentation"/.test(html) }).toMatchObject({
          tables: true,
        });
        expect(html).toMatch(/<!--\[if mso \| IE\]><table[^>]*width="600"/);
        const links = buttonLinks(html);
        const missing = links.filter((url) => !text.includes(url));
        expect({ kind, language, missing }).toEqual({ kind, language, missing: [] });
      }
      // The kinds with something to do have their buttons (digests and notices link in the text instead).
      const withButtons = new Set(
        received.filter(({ mail }) => buttonLinks(String(mail.parsed.html)).length).map((r) => r.kind),
      );
      for (const kind of [
        'meeting-invitation',
        'meeting-poll',
        'minutes-available',
        'poll-chase',
        'sign-in-link',
        'item-due-soon',
      ])
        expect(withButtons).toContain(kind);
    });

    it('gives the sign-in link itself in the text part, not a button to look for', () => {
      for (const { kind, mail } of received.filter((r) => r.kind === 'sign-in-link')) {
        const url = buttonLinks(String(mail.parsed.html))[0];
        expect({ kind, text: mail.parsed.text }).toMatchObject({ text: expect.stringContaining(url) });
        expect(mail.parsed.text).not.toMatch(/button below|кнопку ниже|төмендегі батырма/i);
      }
    });

    it('look right in a browser on a phone and on a desktop', async () => {
      const browser = await launchBrowser();
      try {
        for (const [kind, language] of [
          ['meeting-invitation', 'en'],
          ['sign-in-link', 'ru'],
          ['meeting-poll', 'kk'],
        ] as const) {
          const html = String(received.find((r) => r.kind === kind && r.language === language)!.mail.parsed.html);
          for (const [name, viewport] of [
            ['phone', PHONE],
            ['desktop', DESKTOP],
          ] as const) {
            const page = await browser.newPage({ viewport });
            await page.setContent(html);
            // Nothing wider than the screen: the reader never scrolls sideways.
            expect(await horizontalOverflow(page)).toBe(0);
            const button = page.locator('td[bgcolor] > a').first();
            const box = (await button.boundingBox())!;
            expect(box.width).toBeGreaterThan(40);
            expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
            await page.screenshot({ path: join(SCREENSHOTS, `email-${kind}-${language}-${name}.png`), fullPage: true });
            await page.close();
          }
        }
      } finally {
        await browser.close();
      }
    }, 60_000);
  });

  describe('an invitation to a three-day meeting with an online link', () => {
    let t: TestApp;
    let mail: ReceivedMail;
    const online = 'https://meet.example.org/wgecc-10?pwd=a1b2';
    const reader = { email: 'three-days@example.org', language: 'ru', timeZone: 'Asia/Almaty' } as const;
    const startsAt = '2031-03-10T09:00:00+01:00';
    const endsAt = '2031-03-12T17:00:00+01:00';

    beforeAll(async () => {
      smtp.clear();
      t = await startTestApp({ SMTP_URL: smtp.url });
      const body = await createBody(t);
      const member = await createMember(t, reader);
      const meeting = (
        await t.admin
          .post('/api/meetings')
          .send({
            bodyId: body.id,
            kind: 'working_group',
            title: { en: 'Tenth meeting', ru: 'Десятое заседание' },
            timeZone: 'Europe/Brussels',
            startsAt,
            endsAt,
            location: { venue: 'Berlaymont', city: 'Brussels', countryCode: 'BE' },
            onlineUrl: online,
          })
          .expect(201)
      ).body;
      await t.admin
        .post(`/api/meetings/${meeting.id}/invitations`)
        .send({ memberIds: [member.id] })
        .expect(200);
      mail = (await waitFor(() => smtp.to(reader.email)[0], { what: 'the invitation' }))!;
    }, 60_000);
    afterAll(() => t.close());

    it('attaches the calendar once, as text/calendar', () => {
      expect(calendarParts(mail.raw)).toEqual([
        expect.stringMatching(/^Content-Type: text\/calendar;.*method=REQUEST/i),
      ]);
      expect(mail.parsed.attachments.map((a) => a.contentType)).toEqual(['text/calendar']);
    });

    it('carries the online link in LOCATION, URL and DESCRIPTION', () => {
      const event = parseCalendar(mail.calendar!);
      expect(String(event.getFirstPropertyValue('location'))).toContain('Berlaymont');
      expect(String(event.getFirstPropertyValue('location'))).toContain(online);
      expect(String(event.getFirstPropertyValue('url'))).toBe(online);
      expect(String(event.getFirstPropertyValue('description'))).toContain(online);
      expect(String(event.getFirstPropertyValue('conference'))).toBe(online);
      expect(String(event.getFirstPropertyValue('description'))).toMatch(/\/meetings\/[0-9a-f-]{36}/);
    });

    it('shows the first and the last day, in the email and in the .ics', () => {
      const event = parseCalendar(mail.calendar!);
      const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
      const end = event.getFirstPropertyValue('dtend') as ICAL.Time;
      expect([start.toString(), start.zone?.tzid]).toEqual(['2031-03-10T09:00:00', 'Europe/Brussels']);
      expect(end.toString()).toBe('2031-03-12T17:00:00');
      const text = (mail.parsed.text ?? '').replace(/\s+/g, ' ');
      const html = String(mail.parsed.html).replace(/\s+/g, ' ');
      for (const iso of [startsAt, endsAt]) {
        const day = formatDate(new Date(iso).toISOString(), reader.timeZone, reader.language);
        expect(text).toContain(day);
        expect(html).toContain(day);
      }
      expect(text).toContain(online);
    });
  });

  describe('the outbox folder, with no SMTP server', () => {
    let t: TestApp;
    const dir = mkdtempSync(join(tmpdir(), 'wgs-outbox-'));
    const written: string[] = [];
    let restore: () => void;

    beforeAll(async () => {
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
        written.push(String(chunk));
        return String(chunk).startsWith('{') || (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      };
      restore = () => (process.stdout.write = write);
      t = await startTestApp({ OUTBOX_DIR: dir, LOG_LEVEL: 'info' }, new JsonLogger('info'));
    }, 60_000);
    afterAll(async () => {
      restore();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('writes a sign-in email a person can read in a text editor, and logs where it is', async () => {
      await createMember(t, { email: 'new-user@example.org', language: 'kk' });
      await t.anonymous.post('/sign-in').type('form').send({ email: 'new-user@example.org' }).expect(200);
      const file = await waitFor(() => readdirSync(dir).find((name) => name.endsWith('.eml')), {
        what: 'the outbox file',
      });
      const eml = readFileSync(join(dir, file!), 'utf8');
      const textPart =
        /Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: (\S+)\r\n\r\n([\s\S]*?)\r\n--/.exec(
          eml,
        );
      expect(textPart?.[1]).toBe('8bit');
      expect(eml).not.toMatch(/Content-Transfer-Encoding: base64/);
      expect(eml).toMatch(/Content-Type: text\/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable/);
      // The link whole, on its own line, as the reader will copy it; the Kazakh text as it is written.
      expect(textPart![2]).toMatch(/^https?:\/\/\S+\/sign-in\/[A-Za-z0-9_.-]+\r?$/m);
      expect(textPart![2]).toContain('Жұмыс тобының хатшылығы');

      const { subject } = await simpleParser(eml);
      const line = await waitFor(
        () =>
          written
            .join('')
            .split('\n')
            .filter((l) => l.startsWith('{'))
            .map((l) => JSON.parse(l) as Record<string, unknown>)
            .find((entry) => typeof entry.file === 'string' && entry.file.endsWith(file!)),
        { what: 'the log line' },
      );
      expect(line).toMatchObject({
        level: 'info',
        file: join(dir, file!),
        msg: expect.stringContaining(join(dir, file!)),
      });
      expect(line).toMatchObject({ subject, msg: expect.stringContaining(subject!) });
    });
  });
});
