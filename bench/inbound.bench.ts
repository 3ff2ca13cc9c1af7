import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { loadConfig } from '../src/config/app-config';
import { InboundMailService } from '../src/inbound/inbound-mail.service';
import { MailboxLockRepository } from '../src/inbound/mailbox-lock.repository';
import { MailboxReader } from '../src/inbound/mailbox-reader';
import { APP_CONFIG } from '../src/config/app-config';
import type { AppConfig } from '../src/config/app-config';
import { DOVECOT_USER, PrivateDovecot } from '../test/support/dovecot';
import { api, startBenchApp } from './bench-app';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'inbound');
/** `INBOUND_BENCH_MESSAGES=1000 npm run bench -- inbound` for a quicker run. */
const COUNT = Number(process.env.INBOUND_BENCH_MESSAGES ?? 10_000);
const MEMBERS = 200;

function fill(name: string, values: Record<string, string | number>): string {
  return readFileSync(join(FIXTURES, name), 'utf8')
    .replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole))
    .replace(/\r?\n/g, '\r\n');
}

/** A realistic mix: 40 % calendar replies that change an answer, 20 % out-of-office, 10 % bounces, 30 % plain replies. */
function mailbox(uid: string, emails: string[]): string[] {
  const date = new Date().toUTCString().replace('GMT', '+0000');
  return Array.from({ length: COUNT }, (_, i) => {
    const email = emails[i % emails.length];
    const common = { DATE: date, TO: DOVECOT_USER, TITLE: 'Technical meeting', TAG: `bench${i}`, FROM: email };
    const slot = i % 10;
    if (slot < 4)
      return fill(slot % 2 === 0 ? 'outlook-accept.eml' : 'google-decline.eml', {
        ...common,
        FROM_NAME: 'Bench Member',
        ATTENDEE: email,
        UID: uid,
        SEQUENCE: 0,
      });
    if (slot < 6) return fill('auto-reply-ru.eml', { ...common, FROM_NAME: 'Bench Member', AWAY_UNTIL: '01.02' });
    if (slot < 7)
      return fill('bounce-4xx.eml', {
        ...common,
        RECIPIENT: email,
        NOTIFICATION_ID: '00000000-0000-4000-8000-000000000000',
      });
    return [
      `From: Bench Member <${email}>`,
      `To: ${DOVECOT_USER}`,
      `Subject: Re: Technical meeting`,
      `Date: ${date}`,
      `Message-ID: <bench${i}@members.bench>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Спасибо, буду.',
      '',
    ].join('\r\n');
  });
}

/** Messages handled per second from a mailbox of 10,000, against fetching and parsing them alone. */
export async function benchInbound(): Promise<Record<string, string>> {
  const figures: Record<string, string> = {};
  const dovecot = await new PrivateDovecot().start();
  const bench = await startBenchApp({
    ROLE: 'api',
    MAIL_FROM: 'Bench <bench@wgecc.bench>',
    QUEUE_PREFIX: process.env.BENCH_QUEUE_PREFIX ?? 'wgs-bench',
  });
  try {
    const body = await api(bench.url, 'POST', '/api/bodies', { name: { en: 'Bench group' }, kind: 'working_group' });
    const emails: string[] = [];
    const memberIds: string[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const member = await api(bench.url, 'POST', '/api/members', {
        fullName: `Bench Member ${i}`,
        email: `m${i}@members.bench`,
        countryCode: 'KZ',
        language: 'ru',
        timeZone: 'Asia/Almaty',
      });
      await api(bench.url, 'POST', `/api/bodies/${body.id}/memberships`, {
        memberId: member.id,
        role: 'member',
        startDate: '2019-01-01',
      });
      emails.push(member.email);
      memberIds.push(member.id);
    }
    const meeting = await api(bench.url, 'POST', '/api/meetings', {
      bodyId: body.id,
      kind: 'technical',
      title: { en: 'Technical meeting' },
      timeZone: 'Asia/Almaty',
      startsAt: '2031-03-10T10:00:00+05:00',
      endsAt: '2031-03-10T13:00:00+05:00',
      status: 'scheduled',
    });
    await api(bench.url, 'POST', `/api/meetings/${meeting.id}/invitations`, { memberIds });

    const appended = Date.now();
    await dovecot.append(mailbox(`meeting-${meeting.id}@wgecc.bench`, emails));
    figures[`APPEND ${COUNT.toLocaleString('en')} messages (setup)`] =
      `${((Date.now() - appended) / 1000).toFixed(1)} s`;

    // Baseline: the same messages fetched and parsed, nothing recorded or moved.
    const client = await dovecot.client();
    const parseStart = Date.now();
    try {
      await client.mailboxOpen('INBOX');
      const sources = await client.fetchAll('1:*', { uid: true, source: true });
      for (const message of sources) await simpleParser(message.source!, { keepDeliveryStatus: true });
    } finally {
      await client.logout();
    }
    const baseline = COUNT / ((Date.now() - parseStart) / 1000);
    figures['baseline: fetch + parse only'] = `${Math.round(baseline).toLocaleString('en')} messages/s`;

    const config: AppConfig = {
      ...bench.app.get<AppConfig>(APP_CONFIG),
      inbound: loadConfig({
        APP_SECRET: 'x'.repeat(32),
        ADMIN_TOKEN: 'y'.repeat(24),
        INBOUND_IMAP_URL: dovecot.url,
      }).inbound,
    };
    const reader = new MailboxReader(config, bench.app.get(MailboxLockRepository), bench.app.get(InboundMailService));
    const started = Date.now();
    const counts = await reader.readOnce();
    const seconds = (Date.now() - started) / 1000;
    const rate = COUNT / seconds;
    figures[`read ${COUNT.toLocaleString('en')}: understand, record, move`] =
      `${seconds.toFixed(1)} s, ${Math.round(rate).toLocaleString('en')} messages/s (${JSON.stringify(counts)})`;
    figures['ratio to the baseline'] = `${(rate / baseline).toFixed(2)} ×`;
    const left = await dovecot.counts('INBOX', 'Processed');
    figures['mailbox after'] = `INBOX ${left.INBOX}, Processed ${left.Processed}`;
  } finally {
    await bench.close();
    await dovecot.stop();
  }
  return figures;
}
