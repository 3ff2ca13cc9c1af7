import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { freePort } from './fault-processes';

const DOVECOT = '/usr/sbin/dovecot';

export const DOVECOT_USER = 'replies@wgecc.test';
export const DOVECOT_PASSWORD = 'inbound-test-secret';

function idOf(name: string, flag: '-u' | '-g'): number {
  const result = spawnSync('id', [flag, name], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`no system user "${name}" (installed with the dovecot package)`);
  return Number(result.stdout.trim());
}

/**
 * A private Dovecot for one test file: its own configuration, maildir and passwd file in a temporary
 * directory, plaintext login on 127.0.0.1 and a free port; the system's Dovecot is never touched.
 */
export class PrivateDovecot {
  port = 0;
  private dir = '';
  private child?: ChildProcess;

  get url(): string {
    return `imap://${encodeURIComponent(DOVECOT_USER)}:${DOVECOT_PASSWORD}@127.0.0.1:${this.port}/INBOX`;
  }

  async start(): Promise<this> {
    this.port = await freePort();
    this.dir = mkdtempSync(join(tmpdir(), 'wgs-dovecot-'));
    // As root, Dovecot runs its login and mail processes as its own unprivileged users.
    const root = process.getuid?.() === 0;
    const internal = root ? 'dovecot' : userInfo().username;
    const login = root ? 'dovenull' : userInfo().username;
    const mailUid = root ? idOf('dovecot', '-u') : userInfo().uid;
    const mailGid = root ? idOf('dovecot', '-g') : userInfo().gid;
    for (const sub of ['run', 'state', 'mail']) mkdirSync(join(this.dir, sub));
    if (root) {
      // Dovecot's own users read the passwd file and write the maildir.
      chmodSync(this.dir, 0o755);
      chownSync(join(this.dir, 'mail'), mailUid, mailGid);
    }
    writeFileSync(join(this.dir, 'passwd'), `${DOVECOT_USER}:{PLAIN}${DOVECOT_PASSWORD}\n`);
    writeFileSync(
      join(this.dir, 'dovecot.conf'),
      [
        'protocols = imap',
        'listen = 127.0.0.1',
        `base_dir = ${this.dir}/run`,
        `state_dir = ${this.dir}/state`,
        `log_path = ${this.dir}/dovecot.log`,
        'ssl = no',
        'disable_plaintext_auth = no',
        'auth_mechanisms = plain login',
        'first_valid_uid = 1',
        'first_valid_gid = 1',
        `default_internal_user = ${internal}`,
        `default_login_user = ${login}`,
        `mail_location = maildir:${this.dir}/mail/%u`,
        'passdb {',
        '  driver = passwd-file',
        `  args = scheme=PLAIN username_format=%u ${this.dir}/passwd`,
        '}',
        'userdb {',
        '  driver = static',
        `  args = uid=${mailUid} gid=${mailGid} home=${this.dir}/mail/%u`,
        '}',
        'service imap-login {',
        '  inet_listener imap {',
        '    address = 127.0.0.1',
        `    port = ${this.port}`,
        '  }',
        '  inet_listener imaps {',
        '    port = 0',
        '  }',
        '}',
        'namespace inbox {',
        '  inbox = yes',
        '  separator = /',
        '}',
        '',
      ].join('\n'),
    );
    this.child = spawn(DOVECOT, ['-F', '-c', join(this.dir, 'dovecot.conf')], { stdio: 'ignore' });
    await this.waitForPort();
    return this;
  }

  log(): string {
    try {
      return readFileSync(join(this.dir, 'dovecot.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** An IMAP client logged in as the test user (close it with logout()). */
  async client(): Promise<ImapFlow> {
    const { ImapFlow: Client } = await import('imapflow');
    const client = new Client({
      host: '127.0.0.1',
      port: this.port,
      secure: false,
      auth: { user: DOVECOT_USER, pass: DOVECOT_PASSWORD },
      logger: false,
    });
    await client.connect();
    return client;
  }

  /** Delivers raw messages into a folder (created if missing), as the mail server would. */
  async append(messages: (string | Buffer)[], folder = 'INBOX'): Promise<void> {
    const client = await this.client();
    try {
      if (folder !== 'INBOX') await client.mailboxCreate(folder).catch(() => undefined);
      for (const message of messages) await client.append(folder, message);
    } finally {
      await client.logout();
    }
  }

  /** How many messages each folder holds. */
  async counts(...folders: string[]): Promise<Record<string, number>> {
    const client = await this.client();
    try {
      const counts: Record<string, number> = {};
      for (const folder of folders) {
        const status = await client.status(folder, { messages: true }).catch(() => null);
        counts[folder] = status ? (status.messages ?? 0) : 0;
      }
      return counts;
    } finally {
      await client.logout();
    }
  }

  private async waitForPort(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error(`dovecot exited at start:\n${this.log()}`);
      const open = await new Promise<boolean>((resolve) => {
        const socket = connect(this.port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      if (open) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`dovecot did not listen on ${this.port}:\n${this.log()}`);
  }
}
