import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigError, loadConfig } from './app-config';

const base = { APP_SECRET: 'x'.repeat(32), ADMIN_TOKEN: 'y'.repeat(24) };

describe('loadConfig', () => {
  it('works on this machine with only the two secrets set', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/wg_secretariat',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      smtpUrl: null,
      role: 'all',
      runMigrations: true,
      appUrl: 'http://localhost:3000',
      outboxDir: 'var/outbox',
    });
  });

  it('names every missing or wrong variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '99999',
        ROLE: 'both',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'not a url',
        SMTP_URL: 'http://mail',
        DEFAULT_TIME_ZONE: 'Asia/Nowhere',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual([
      'ADMIN_TOKEN',
      'APP_SECRET',
      'DATABASE_URL',
      'DEFAULT_TIME_ZONE',
      'PORT',
      'REDIS_URL',
      'ROLE',
      'SMTP_URL',
    ]);
    expect((error as Error).message).toContain('ROLE: must be one of all, api, worker (got "both")');
  });

  it('refuses secrets that are too short, without printing them', () => {
    expect(() => loadConfig({ APP_SECRET: 'short-secret-value', ADMIN_TOKEN: 'y'.repeat(24) })).toThrow(
      /APP_SECRET: must be at least 32/,
    );
    try {
      loadConfig({ APP_SECRET: 'short-secret-value', ADMIN_TOKEN: 'y'.repeat(24) });
    } catch (e) {
      expect((e as Error).message).not.toContain('short-secret-value');
    }
  });

  it('reads roles, ports, SMTP and the migration switch', () => {
    const config = loadConfig({
      ...base,
      ROLE: 'worker',
      PORT: '8080',
      SMTP_URL: 'smtp://u:p@mail:587',
      MIGRATIONS_RUN: 'false',
      APP_URL: 'https://wg.example.org/',
    });
    expect(config).toMatchObject({
      role: 'worker',
      port: 8080,
      smtpUrl: 'smtp://u:p@mail:587',
      runMigrations: false,
      appUrl: 'https://wg.example.org',
    });
  });

  it('reads whole-number settings and refuses anything else, naming the variable', () => {
    expect(
      loadConfig({ ...base, WORKER_CONCURRENCY: '4', SMTP_POOL_CONNECTIONS: '1', SMTP_MAX_UNCONFIRMED: '3' }),
    ).toMatchObject({ workerConcurrency: 4, smtpPoolConnections: 1, smtpMaxUnconfirmed: 3 });
    expect(loadConfig(base)).toMatchObject({ workerConcurrency: 16, smtpPoolConnections: 5, smtpMaxUnconfirmed: 1 });
    expect(() => loadConfig({ ...base, SMTP_MAX_UNCONFIRMED: '0' })).toThrow(
      'SMTP_MAX_UNCONFIRMED: must be a whole number, at least 1 (got "0")',
    );
    expect(() => loadConfig({ ...base, SMTP_POOL_CONNECTIONS: '0' })).toThrow(
      'SMTP_POOL_CONNECTIONS: must be a whole number, at least 1 (got "0")',
    );
    expect(() => loadConfig({ ...base, SMTP_POOL_CONNECTIONS: '2.5' })).toThrow(
      'SMTP_POOL_CONNECTIONS: must be a whole number, at least 1 (got "2.5")',
    );
    expect(() => loadConfig({ ...base, RECONCILE_EVERY_MS: 'soon' })).toThrow(
      'RECONCILE_EVERY_MS: must be a whole number, at least 200 (got "soon")',
    );
  });

  it('reads the documents notice window in minutes, fractions allowed, up to a day', () => {
    expect(loadConfig(base).documentsNoticeWindowMinutes).toBe(15);
    expect(loadConfig({ ...base, DOCUMENTS_NOTICE_WINDOW_MINUTES: '0.5' }).documentsNoticeWindowMinutes).toBe(0.5);
    expect(() => loadConfig({ ...base, DOCUMENTS_NOTICE_WINDOW_MINUTES: '-1' })).toThrow(
      'DOCUMENTS_NOTICE_WINDOW_MINUTES: must be a number of minutes from 0 to 1440 (got "-1")',
    );
    expect(() => loadConfig({ ...base, DOCUMENTS_NOTICE_WINDOW_MINUTES: '2000' })).toThrow(
      'DOCUMENTS_NOTICE_WINDOW_MINUTES: must be a number of minutes from 0 to 1440 (got "2000")',
    );
  });

  it('trusts no proxy by default, and reads TRUST_PROXY as Express takes it', () => {
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(
      loadConfig({
        ...base,
        TRUST_PROXY: 'loopback, 10.0.0.0/8, 192.168.1.7, fd00::/8, 172.16.0.0/255.240.0.0, uniquelocal',
      }).trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', '192.168.1.7', 'fd00::/8', '172.16.0.0/255.240.0.0', 'uniquelocal']);
    for (const wrong of ['yes', '10.0.0.0/33', '10.0.0/8', 'loopback,,10.0.0.1', 'proxy.example.org', '-1', '1.5']) {
      expect(() => loadConfig({ ...base, TRUST_PROXY: wrong })).toThrow(
        /TRUST_PROXY: must be false, true, a number of proxies/,
      );
    }
  });

  it('takes an optional APP_SECRET_PREVIOUS of at least 32 characters, for verifying only', () => {
    expect(loadConfig(base).appSecretPrevious).toBeNull();
    expect(loadConfig({ ...base, APP_SECRET_PREVIOUS: 'p'.repeat(32) }).appSecretPrevious).toBe('p'.repeat(32));
    expect(() => loadConfig({ ...base, APP_SECRET_PREVIOUS: 'too-short-previous' })).toThrow(
      /APP_SECRET_PREVIOUS: must be at least 32 characters long/,
    );
    expect(() => loadConfig({ ...base, APP_SECRET_PREVIOUS: base.APP_SECRET })).toThrow(
      /APP_SECRET_PREVIOUS: must differ from APP_SECRET/,
    );
  });

  it('reads the fallback chain of content languages, Russian before English for Kazakh readers by default', () => {
    expect(loadConfig(base).contentLanguageFallback).toEqual({ kk: ['ru', 'en'], ru: ['en'], en: ['ru'] });
    expect(loadConfig({ ...base, CONTENT_LANGUAGE_FALLBACK: 'kk:en;ru:kk' }).contentLanguageFallback).toEqual({
      kk: ['en'],
      ru: ['kk'],
      en: [],
    });
    expect(() => loadConfig({ ...base, CONTENT_LANGUAGE_FALLBACK: 'kk:de' })).toThrow(
      /CONTENT_LANGUAGE_FALLBACK: must read like/,
    );
  });
});

describe('.env.example', () => {
  const example = parseEnv(readFileSync('.env.example', 'utf8'));

  it('lists exactly the settings loadConfig reads', () => {
    const asked = new Set<string>();
    const env: Record<string, string | undefined> = { ...base };
    const recording = new Proxy(env, {
      get: (target, name: string) => {
        asked.add(name);
        return target[name];
      },
    });
    loadConfig(recording);
    expect(Object.keys(example).sort()).toEqual([...asked].sort());
  });

  it('gives each setting its default', () => {
    expect(loadConfig({ ...example, ...base })).toEqual(loadConfig(base));
  });
});

describe('inbound mailbox settings', () => {
  it('are off without INBOUND_IMAP_URL, with Reply-To unset', () => {
    expect(loadConfig(base)).toMatchObject({ inbound: null, replyTo: null, inboundProcessedFolder: 'Processed' });
  });

  it('read the mailbox URL, and take its address as Reply-To', () => {
    const config = loadConfig({
      ...base,
      INBOUND_IMAP_URL: 'imaps://replies%40wgecc.org:s%3Acret@mail.example.org/Answers',
    });
    expect(config.inbound).toEqual({
      secure: true,
      host: 'mail.example.org',
      port: 993,
      user: 'replies@wgecc.org',
      password: 's:cret',
      mailbox: 'Answers',
    });
    expect(config.replyTo).toBe('replies@wgecc.org');
    expect(loadConfig({ ...base, INBOUND_IMAP_URL: 'imap://a%40b.org:x@h', REPLY_TO: 'r@wgecc.org' })).toMatchObject({
      replyTo: 'r@wgecc.org',
      inbound: { port: 143, mailbox: 'INBOX', secure: false },
    });
  });

  it('name the variable of a wrong value', () => {
    expect(() => loadConfig({ ...base, INBOUND_IMAP_URL: 'pop3://a:b@h' })).toThrow(
      /INBOUND_IMAP_URL: must start with imap/,
    );
    expect(() => loadConfig({ ...base, INBOUND_IMAP_URL: 'imap://h/INBOX' })).toThrow(
      /INBOUND_IMAP_URL: must name the user/,
    );
    expect(() => loadConfig({ ...base, REPLY_TO: 'nobody' })).toThrow(/REPLY_TO: must be an email address/);
    expect(() => loadConfig({ ...base, INBOUND_MAX_BYTES: '12' })).toThrow(/INBOUND_MAX_BYTES/);
  });

  it('read the oversize folder and the unknown-sender allowance, refusing wrong values by name', () => {
    expect(loadConfig(base)).toMatchObject({ inboundOversizeFolder: 'Oversize', inboundUnknownSenderLimitPerHour: 10 });
    expect(
      loadConfig({ ...base, INBOUND_OVERSIZE_FOLDER: 'Too large', INBOUND_UNKNOWN_SENDER_LIMIT_PER_HOUR: '3' }),
    ).toMatchObject({ inboundOversizeFolder: 'Too large', inboundUnknownSenderLimitPerHour: 3 });
    for (const bad of ['0', '-1', 'ten', '2.5'])
      expect(() => loadConfig({ ...base, INBOUND_UNKNOWN_SENDER_LIMIT_PER_HOUR: bad })).toThrow(
        new RegExp(`INBOUND_UNKNOWN_SENDER_LIMIT_PER_HOUR: must be a whole number, at least 1 \\(got "${bad}"\\)`),
      );
    expect(() => loadConfig({ ...base, INBOUND_OVERSIZE_FOLDER: 'Processed' })).toThrow(
      /INBOUND_OVERSIZE_FOLDER: must differ from INBOUND_PROCESSED_FOLDER \(both "Processed"\)/,
    );
    expect(() =>
      loadConfig({ ...base, INBOUND_IMAP_URL: 'imap://a%40b.org:x@h/Answers', INBOUND_OVERSIZE_FOLDER: 'Answers' }),
    ).toThrow(/INBOUND_OVERSIZE_FOLDER: must differ from the folder INBOUND_IMAP_URL reads/);
  });
});
