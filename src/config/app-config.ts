import { isIP } from 'node:net';
import { DEFAULT_FALLBACK_SETTING, parseFallbackChain } from '../common/i18n/content-text';
import type { FallbackChain } from '../common/i18n/content-text';
import { isValidTimeZone } from '../common/time/time-zone';

export type ProcessRole = 'all' | 'api' | 'worker';

export interface AppConfig {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  smtpUrl: string | null;
  mailFrom: string;
  appUrl: string;
  appSecret: string;
  /** The secret before the last change: still accepted when verifying links and tokens, never used to sign. */
  appSecretPrevious: string | null;
  adminToken: string;
  role: ProcessRole;
  runMigrations: boolean;
  outboxDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  defaultTimeZone: string;
  queuePrefix: string;
  reconcileEveryMs: number;
  /** A notification left in `sending` this long (its worker died) is released and tried again. */
  sendingTimeoutMs: number;
  /** First wait before retrying a temporary SMTP failure; it doubles per attempt, up to an hour. */
  retryBaseMs: number;
  retryMaxMs: number;
  workerConcurrency: number;
  smtpPoolConnections: number;
  /** Emails of one process that may have ended their data without their acceptance being recorded yet. */
  smtpMaxUnconfirmed: number;
  apiRequestsPerMinute: number;
  /** Express's "trust proxy": which peers may name the client in X-Forwarded-For. */
  trustProxy: boolean | number | string[];
  /** Where a reader's language lacks a text the secretariat wrote, the languages tried next. */
  contentLanguageFallback: FallbackChain;
  /** The least time between two "remind now" chases of one meeting's poll, or of its invitations. */
  remindNowIntervalMinutes: number;
  /** Days after a meeting ends before the passport details given for its visa letters are erased. */
  passportDataRetentionDays: number;
  /** Publications within this many minutes make one "documents available" email per member. */
  documentsNoticeWindowMinutes: number;
  /** The largest document file accepted; a larger upload is refused with 413 as soon as that is known. */
  documentMaxBytes: number;
  /** How long after its meeting ends a signed document download link still works. */
  documentLinkDays: number;
  /** Rendered pages kept per API process, by who asks and the database's snapshot; 0 keeps none. */
  pageCacheMegabytes: number;
  /** The mailbox members answer to; null: the inbound feature is off. */
  inbound: InboundMailboxConfig | null;
  /** How often the mailbox is read when IDLE brings nothing (and where the server has no IDLE). */
  inboundPollMs: number;
  inboundProcessedFolder: string;
  /** Larger messages are moved aside unread. */
  inboundMaxBytes: number;
  /** Where the larger messages are moved (created if missing). */
  inboundOversizeFolder: string;
  /** Messages kept in the inbox per unknown sender per hour; the rest are counted and forgotten. */
  inboundUnknownSenderLimitPerHour: number;
  /** Reply-To of every email and the calendar ORGANIZER: the inbound address unless set. */
  replyTo: string | null;
}

export interface InboundMailboxConfig {
  secure: boolean;
  host: string;
  port: number;
  user: string;
  password: string;
  mailbox: string;
}

/** `imaps://user%40example.org:secret@mail.example.org:993/INBOX`; null with the reason when it is not one. */
export function parseInboundUrl(text: string): InboundMailboxConfig | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:')
    return `must start with imap:// or imaps:// (got "${url.protocol}//")`;
  if (!url.username || !url.password) return 'must name the user and password (imaps://user:password@host/INBOX)';
  const secure = url.protocol === 'imaps:';
  const mailbox = decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'INBOX';
  return {
    secure,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    mailbox,
  };
}

const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, range, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4;
}

function parseTrustProxy(text: string): boolean | number | string[] | null {
  if (text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isProxyEntry) ? entries : null;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n') +
        '\nSet these variables in the environment or in .env (see README.md, "Configuration").',
    );
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: { variable: string; message: string }[] = [];
  const fail = (variable: string, message: string) => problems.push({ variable, message });
  const read = (name: string, fallback?: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? fallback : value;
  };

  const url = (name: string, fallback: string | undefined, protocols: string[]): string => {
    const value = read(name, fallback);
    if (value === undefined) {
      fail(name, 'is required');
      return '';
    }
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        fail(name, `must start with ${protocols.map((p) => p + '//').join(' or ')} (got "${parsed.protocol}//")`);
      }
    } catch {
      fail(name, 'is not a valid URL');
    }
    return value;
  };

  const secret = (name: string, minLength: number): string => {
    const value = read(name);
    if (value === undefined)
      fail(name, `is required (at least ${minLength} characters; "npm run setup" writes one into .env)`);
    else if (value.length < minLength) fail(name, `must be at least ${minLength} characters long`);
    return value ?? '';
  };

  const oneOf = <T extends string>(name: string, fallback: T, allowed: readonly T[]): T => {
    const value = read(name, fallback) as T;
    if (!allowed.includes(value)) fail(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
    return value;
  };

  const portText = read('PORT', '3000')!;
  const portValid = /^\d+$/.test(portText) && Number(portText) >= 1 && Number(portText) <= 65535;
  if (!portValid) fail('PORT', `must be a port number from 1 to 65535 (got "${portText}")`);

  const migrationsText = read('MIGRATIONS_RUN', 'true')!.toLowerCase();
  if (!['true', 'false', '1', '0'].includes(migrationsText)) fail('MIGRATIONS_RUN', 'must be true or false');

  const defaultTimeZone = read('DEFAULT_TIME_ZONE', 'Asia/Almaty')!;
  if (!isValidTimeZone(defaultTimeZone)) fail('DEFAULT_TIME_ZONE', `"${defaultTimeZone}" is not an IANA time zone`);

  const appPort = portValid ? Number(portText) : 3000;
  const wholeNumber = (name: string, fallback: number, min: number): number => {
    const text = read(name, String(fallback))!;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min) fail(name, `must be a whole number, at least ${min} (got "${text}")`);
    return value;
  };
  // Fractions allowed, so that a test can close the window within seconds.
  const minutes = (name: string, fallback: number): number => {
    const text = read(name, String(fallback))!;
    const value = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || value > 1440)
      fail(name, `must be a number of minutes from 0 to 1440 (got "${text}")`);
    return value;
  };
  const config: AppConfig = {
    databaseUrl: url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/wg_secretariat', ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    port: appPort,
    smtpUrl: read('SMTP_URL') === undefined ? null : url('SMTP_URL', undefined, ['smtp:', 'smtps:']),
    mailFrom: read('MAIL_FROM', 'WGECC Secretariat <secretariat@wgecc.localhost>')!,
    appUrl: url('APP_URL', `http://localhost:${appPort}`, ['http:', 'https:']).replace(/\/+$/, ''),
    appSecret: secret('APP_SECRET', 32),
    appSecretPrevious: read('APP_SECRET_PREVIOUS') === undefined ? null : secret('APP_SECRET_PREVIOUS', 32),
    adminToken: secret('ADMIN_TOKEN', 24),
    role: oneOf('ROLE', 'all', ['all', 'api', 'worker'] as const),
    runMigrations: migrationsText === 'true' || migrationsText === '1',
    outboxDir: read('OUTBOX_DIR', 'var/outbox')!,
    logLevel: oneOf('LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error'] as const),
    defaultTimeZone,
    queuePrefix: read('QUEUE_PREFIX', 'wgs')!,
    reconcileEveryMs: wholeNumber('RECONCILE_EVERY_MS', 60_000, 200),
    sendingTimeoutMs: wholeNumber('SENDING_TIMEOUT_MS', 5 * 60_000, 500),
    retryBaseMs: wholeNumber('RETRY_BASE_MS', 5_000, 10),
    retryMaxMs: wholeNumber('RETRY_MAX_MS', 3600_000, 10),
    workerConcurrency: wholeNumber('WORKER_CONCURRENCY', 16, 1),
    smtpPoolConnections: wholeNumber('SMTP_POOL_CONNECTIONS', 5, 1),
    smtpMaxUnconfirmed: wholeNumber('SMTP_MAX_UNCONFIRMED', 1, 1),
    apiRequestsPerMinute: wholeNumber('API_REQUESTS_PER_MINUTE', 6000, 1),
    remindNowIntervalMinutes: wholeNumber('REMIND_NOW_INTERVAL_MINUTES', 1440, 1),
    passportDataRetentionDays: wholeNumber('PASSPORT_DATA_RETENTION_DAYS', 30, 0),
    documentsNoticeWindowMinutes: minutes('DOCUMENTS_NOTICE_WINDOW_MINUTES', 15),
    documentMaxBytes: wholeNumber('DOCUMENT_MAX_BYTES', 50 * 1024 * 1024, 1),
    documentLinkDays: wholeNumber('DOCUMENT_LINK_DAYS', 90, 1),
    pageCacheMegabytes: wholeNumber('PAGE_CACHE_MB', 64, 0),
    trustProxy: false,
    contentLanguageFallback: { en: [], ru: [], kk: [] },
    inbound: null,
    inboundPollMs: wholeNumber('INBOUND_POLL_MS', 60_000, 100),
    inboundProcessedFolder: read('INBOUND_PROCESSED_FOLDER', 'Processed')!,
    inboundMaxBytes: wholeNumber('INBOUND_MAX_BYTES', 10 * 1024 * 1024, 1024),
    inboundOversizeFolder: read('INBOUND_OVERSIZE_FOLDER', 'Oversize')!,
    inboundUnknownSenderLimitPerHour: wholeNumber('INBOUND_UNKNOWN_SENDER_LIMIT_PER_HOUR', 10, 1),
    replyTo: read('REPLY_TO') ?? null,
  };
  const inboundUrl = read('INBOUND_IMAP_URL');
  if (inboundUrl !== undefined) {
    const inbound = parseInboundUrl(inboundUrl);
    if (typeof inbound === 'string') fail('INBOUND_IMAP_URL', inbound);
    else {
      config.inbound = inbound;
      if (config.replyTo === null && ADDRESS.test(inbound.user)) config.replyTo = inbound.user;
    }
  }
  // Moved into the folder it is read from, a message would be read again; into the processed one, lost among them.
  if (config.inboundOversizeFolder === config.inboundProcessedFolder)
    fail(
      'INBOUND_OVERSIZE_FOLDER',
      `must differ from INBOUND_PROCESSED_FOLDER (both "${config.inboundOversizeFolder}")`,
    );
  else if (config.inbound && config.inboundOversizeFolder === config.inbound.mailbox)
    fail(
      'INBOUND_OVERSIZE_FOLDER',
      `must differ from the folder INBOUND_IMAP_URL reads (both "${config.inboundOversizeFolder}")`,
    );
  if (config.replyTo !== null && !ADDRESS.test(config.replyTo))
    fail('REPLY_TO', `must be an email address such as replies@example.org (got "${config.replyTo}")`);
  const fallbackText = read('CONTENT_LANGUAGE_FALLBACK', DEFAULT_FALLBACK_SETTING)!;
  const fallback = parseFallbackChain(fallbackText);
  if (fallback === null) {
    fail(
      'CONTENT_LANGUAGE_FALLBACK',
      `must read like "kk:ru,en;ru:en;en:ru" (each of en, ru, kk at most once, then the languages tried after it) (got "${fallbackText}")`,
    );
  } else config.contentLanguageFallback = fallback;
  const trustProxyText = read('TRUST_PROXY', 'false')!;
  const trustProxy = parseTrustProxy(trustProxyText);
  if (trustProxy === null) {
    fail(
      'TRUST_PROXY',
      `must be false, true, a number of proxies, or a comma-separated list of addresses, subnets (10.0.0.0/8) or loopback, linklocal, uniquelocal (got "${trustProxyText}")`,
    );
  } else config.trustProxy = trustProxy;
  if (config.appSecretPrevious !== null && config.appSecretPrevious === config.appSecret) {
    fail(
      'APP_SECRET_PREVIOUS',
      'must differ from APP_SECRET (unset it once no link signed with the old secret is in use)',
    );
  }
  if (!/^[^<>\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(config.mailFrom))
    fail('MAIL_FROM', 'must be an address such as "Secretariat <secretariat@example.org>"');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export function secretsForVerifying(config: Pick<AppConfig, 'appSecret' | 'appSecretPrevious'>): string[] {
  return config.appSecretPrevious === null ? [config.appSecret] : [config.appSecret, config.appSecretPrevious];
}

export const APP_CONFIG = Symbol('APP_CONFIG');
