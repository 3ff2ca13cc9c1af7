import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActionTokenService } from '../actions/action-token.service';
import { hashToken, newToken } from '../auth/token-hash';
import { updateReturning } from '../common/database/update-returning';
import type { Role } from '../common/request-context';
import { APP_CONFIG, secretsForVerifying } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { Member } from '../members/member.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Session, SignInLink } from './session.entity';

export const SIGN_IN_MINUTES = 15;
export const SESSION_DAYS = 30;
export const SESSION_COOKIE = 'wgs_session';

/** Passwordless sign-in by emailed link, and the sessions it opens. */
@Injectable()
export class SessionsService {
  /** The key that makes form tokens, then the previous secret's: forms open when APP_SECRET changed still submit. */
  private readonly csrfKeys: Buffer[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly tokens: ActionTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.csrfKeys = secretsForVerifying(config).map((secret) => createHmac('sha256', secret).update('wg-secretariat csrf v1').digest());
  }

  /** Sends a link when the address belongs to an active member; says nothing either way (no address probing). */
  async requestLink(email: string): Promise<void> {
    const member = await this.dataSource.manager.createQueryBuilder(Member, 'm').where('lower(m.email) = lower(:email) AND m.active', { email: email.trim() }).getOne();
    if (!member) return;
    await this.notifications.transaction(async (manager) => {
      const link = await manager.save(manager.create(SignInLink, { memberId: member.id, expiresAt: new Date(Date.now() + SIGN_IN_MINUTES * 60_000), usedAt: null }));
      await this.notifications.plan(manager, [
        { key: `sign-in:${link.id}`, kind: 'sign-in-link', subjectType: 'sign_in', subjectId: link.id, recipientId: member.id, recipientEmail: member.email, dueAt: new Date() },
      ]);
    });
  }

  /** The link to put in the email: signed, naming the one-time link record, expiring with it. */
  linkUrl(link: SignInLink): string {
    return `${this.config.appUrl}/sign-in/${this.tokens.sign({ member: link.memberId, kind: 'sign-in', subject: link.id, exp: Math.floor(link.expiresAt.getTime() / 1000) })}`;
  }

  /** Uses the link once; returns a new session token (for the cookie) or null when the link is spent or stale. */
  async consume(linkId: string, memberId: string): Promise<{ token: string; member: Member } | null> {
    const used = await updateReturning<{ member_id: string }>(
      this.dataSource,
      `UPDATE sign_in_link SET used_at = now() WHERE id = $1 AND member_id = $2 AND used_at IS NULL AND expires_at > now() RETURNING member_id`,
      [linkId, memberId],
    );
    if (used.length === 0) return null;
    const member = await this.dataSource.manager.findOneBy(Member, { id: memberId, active: true });
    if (!member) return null;
    const token = newToken('wss_');
    await this.dataSource.manager.save(
      this.dataSource.manager.create(Session, { tokenHash: hashToken(token), memberId, role: await this.roleOf(memberId), expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000), revokedAt: null }),
    );
    return { token, member };
  }

  async find(token: string | undefined): Promise<{ session: Session; member: Member } | null> {
    if (!token || token.length > 200) return null;
    const session = await this.dataSource.manager.findOne(Session, { where: { tokenHash: hashToken(token) }, relations: { member: true } });
    if (!session || session.revokedAt || session.expiresAt < new Date() || !session.member?.active) return null;
    return { session, member: session.member };
  }

  async signOut(session: Session): Promise<void> {
    await this.dataSource.manager.update(Session, { id: session.id }, { revokedAt: new Date() });
  }

  async signOutEverywhere(memberId: string): Promise<number> {
    const result = await this.dataSource.manager.createQueryBuilder().update(Session).set({ revokedAt: () => 'now()' }).where('member_id = :memberId AND revoked_at IS NULL', { memberId }).execute();
    return result.affected ?? 0;
  }

  /** Secretariat staff (a current secretariat term in any body) act as the secretariat. */
  async roleOf(memberId: string): Promise<Role> {
    const today = new Date().toISOString().slice(0, 10);
    const rows = await this.dataSource.query(
      `SELECT 1 FROM membership WHERE member_id = $1 AND role = 'secretariat' AND start_date <= $2 AND (end_date IS NULL OR end_date >= $2) LIMIT 1`,
      [memberId, today],
    );
    return rows.length ? 'secretariat' : 'member';
  }

  /** The form token of a session: cookie-authenticated forms must carry it (CSRF). */
  csrfToken(session: Session): string {
    return this.csrfWith(this.csrfKeys[0], session);
  }

  checkCsrf(session: Session, given: unknown): boolean {
    if (typeof given !== 'string') return false;
    const actual = Buffer.from(given);
    return this.csrfKeys.some((key) => {
      const expected = Buffer.from(this.csrfWith(key, session));
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    });
  }

  cookie(token: string, maxAgeSeconds = SESSION_DAYS * 86_400): string {
    const secure = this.config.appUrl.startsWith('https:') ? '; Secure' : '';
    return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
  }

  private csrfWith(key: Buffer, session: Session): string {
    return createHmac('sha256', key).update(session.id).digest('base64url');
  }
}
