import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
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
import { UnitOfWork } from '../notifications/unit-of-work';
import { Session, SignInLink } from './session.entity';

export const SIGN_IN_MINUTES = 15;
export const SESSION_DAYS = 30;
export const SESSION_COOKIE = 'wgs_session';

/** Secretariat staff (a current secretariat term in any body) act as the secretariat. */
const HOLDS_SECRETARIAT_TERM = `EXISTS (SELECT 1 FROM membership t WHERE t.member_id = s.member_id AND t.role = 'secretariat' AND t.start_date <= :today AND (t.end_date IS NULL OR t.end_date >= :today))`;

/** A signed-in browser, its member and what the member may do today. */
export interface FoundSession {
  session: Session;
  member: Member;
  role: Role;
}

/** Passwordless sign-in by emailed link, and the sessions it opens. */
@Injectable()
export class SessionsService implements OnModuleDestroy {
  /** The key that makes form tokens, then the previous secret's: forms open when APP_SECRET changed still submit. */
  private readonly csrfKeys: Buffer[];
  private readonly logger = new Logger('SignIn');
  /** Link requests answered but not yet done: a stopping process finishes them first. */
  private readonly pendingLinks = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly unitOfWork: UnitOfWork,
    private readonly tokens: ActionTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.csrfKeys = secretsForVerifying(config).map((secret) =>
      createHmac('sha256', secret).update('wg-secretariat csrf v1').digest(),
    );
  }

  /**
   * Starts `requestLink` without waiting for it: the caller answers first, so that the answer takes
   * as long whether the address belongs to a member or not. A failure is logged, never lost.
   */
  requestLinkAfterAnswer(email: string): void {
    const pending: Promise<void> = this.requestLink(email)
      .catch((error: unknown) =>
        this.logger.error({
          msg: 'a sign-in link could not be planned',
          error: String(error),
          stack: error instanceof Error ? error.stack : undefined,
        }),
      )
      .finally(() => this.pendingLinks.delete(pending));
    this.pendingLinks.add(pending);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.pendingLinks]);
  }

  /** Sends a link when the address belongs to an active member; says nothing either way (no address probing). */
  async requestLink(email: string): Promise<void> {
    const member = await this.dataSource.manager
      .createQueryBuilder(Member, 'm')
      .where('lower(m.email) = lower(:email) AND m.active', { email: email.trim() })
      .getOne();
    if (!member) return;
    await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const link = await manager.save(
        manager.create(SignInLink, {
          memberId: member.id,
          expiresAt: new Date(Date.now() + SIGN_IN_MINUTES * 60_000),
          usedAt: null,
        }),
      );
      await this.notifications.plan(unit, [
        {
          key: `sign-in:${link.id}`,
          kind: 'sign-in-link',
          subjectType: 'sign_in',
          subjectId: link.id,
          recipientId: member.id,
          recipientEmail: member.email,
          dueAt: new Date(),
        },
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
      this.dataSource.manager.create(Session, {
        tokenHash: hashToken(token),
        memberId,
        expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
        revokedAt: null,
      }),
    );
    return { token, member };
  }

  /**
   * The session of a cookie, with its member's role as of this request (one statement): a session
   * lasts weeks, a secretariat term or a member's activity may end any day.
   */
  async find(token: string | undefined): Promise<FoundSession | null> {
    if (!token || token.length > 200) return null;
    const { entities, raw } = await this.dataSource.manager
      .createQueryBuilder(Session, 's')
      .innerJoinAndSelect('s.member', 'm')
      .addSelect(HOLDS_SECRETARIAT_TERM, 'holds_secretariat_term')
      .where('s.token_hash = :tokenHash', { tokenHash: hashToken(token), today: today() })
      .getRawAndEntities<{ holds_secretariat_term: boolean }>();
    const session = entities[0];
    if (!session || session.revokedAt || session.expiresAt < new Date() || !session.member?.active) return null;
    return { session, member: session.member, role: raw[0].holds_secretariat_term ? 'secretariat' : 'member' };
  }

  async signOut(session: Session): Promise<void> {
    await this.dataSource.manager.update(Session, { id: session.id }, { revokedAt: new Date() });
  }

  async signOutEverywhere(memberId: string): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()' })
      .where('member_id = :memberId AND revoked_at IS NULL', { memberId })
      .execute();
    return result.affected ?? 0;
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

/** Terms are dated days; the app counts them in UTC. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}
