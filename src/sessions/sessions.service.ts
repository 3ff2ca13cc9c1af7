import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ActionTokenService } from '../actions/action-token.service';
import { hashToken, newToken } from '../auth/token-hash';
import type { Role } from '../common/request-context';
import { APP_CONFIG, secretsForVerifying } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { Member } from '../members/member.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitOfWork } from '../notifications/unit-of-work';
import type { Session, SignInLink } from './session.entity';
import { safeNextPath } from './next-path';
import { SessionRepository } from './session.repository';

export const SIGN_IN_MINUTES = 15;
export const SESSION_DAYS = 30;
export const SESSION_COOKIE = 'wgs_session';
export const LANGUAGE_COOKIE = 'wgs_lang';

export interface FoundSession {
  session: Session;
  member: Member;
  role: Role;
  /** PostgreSQL's snapshot when the session was read: equal readings mean nothing was committed in between. */
  snapshot: string;
}

@Injectable()
export class SessionsService implements OnModuleDestroy {
  /** The key that makes form tokens, then the previous secret's: forms open when APP_SECRET changed still submit. */
  private readonly csrfKeys: Buffer[];
  private readonly logger = new Logger('SignIn');
  /** Link requests answered but not yet done: a stopping process finishes them first. */
  private readonly pendingLinks = new Set<Promise<void>>();

  constructor(
    private readonly repository: SessionRepository,
    private readonly notifications: NotificationsService,
    private readonly unitOfWork: UnitOfWork,
    private readonly tokens: ActionTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.csrfKeys = secretsForVerifying(config).map((secret) =>
      createHmac('sha256', secret).update('wg-secretariat csrf v1').digest(),
    );
  }

  requestLinkAfterAnswer(email: string, nextPath: string | null = null): void {
    const pending: Promise<void> = this.requestLink(email, nextPath)
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

  async requestLink(email: string, nextPath: string | null = null): Promise<void> {
    const member = await this.repository.activeMemberByEmail(email.trim());
    if (!member) return;
    await this.unitOfWork.run(async (unit) => {
      const expiresAt = new Date(Date.now() + SIGN_IN_MINUTES * 60_000);
      const link = await this.repository.createLink(unit.manager, member.id, expiresAt, safeNextPath(nextPath));
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

  linkUrl(link: SignInLink): string {
    return `${this.config.appUrl}/sign-in/${this.tokens.sign({ member: link.memberId, kind: 'sign-in', subject: link.id, exp: Math.floor(link.expiresAt.getTime() / 1000) })}`;
  }

  /** Opens a session from a sign-in link; `landing` is the page asked for, else the secretariat's dashboard or /me. */
  async consume(linkId: string, memberId: string): Promise<{ token: string; member: Member; landing: string } | null> {
    const used = await this.repository.useLink(linkId, memberId);
    if (!used) return null;
    const member = await this.repository.activeMember(memberId);
    if (!member) return null;
    const token = newToken('wss_');
    await this.repository.createSession(hashToken(token), memberId, new Date(Date.now() + SESSION_DAYS * 86_400_000));
    const asked = safeNextPath(used.nextPath);
    if (asked) return { token, member, landing: asked };
    const found = await this.find(token);
    return { token, member, landing: found?.role === 'secretariat' ? '/' : '/me' };
  }

  async find(token: string | undefined): Promise<FoundSession | null> {
    if (!token || token.length > 200) return null;
    const found = await this.repository.findByTokenHash(hashToken(token), today());
    if (!found) return null;
    const { session } = found;
    if (session.revokedAt || session.expiresAt < new Date() || !session.member?.active) return null;
    const role = found.holdsSecretariatTerm ? 'secretariat' : 'member';
    return { session, member: session.member, role, snapshot: found.snapshot };
  }

  async signOut(session: Session): Promise<void> {
    await this.repository.revoke(session.id);
  }

  async signOutEverywhere(memberId: string): Promise<number> {
    return this.repository.revokeAllOf(memberId);
  }

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
