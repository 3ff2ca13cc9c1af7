import { randomUUID } from 'node:crypto';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PAGE_ROUTE, PUBLIC_ROUTE } from '../../src/auth/auth.decorators';
import { addMembership, createBody, createMember } from '../support/factories';
import { pageSession } from '../support/page-app';
import { SmtpSink } from '../support/smtp-sink';
import { clientWithToken, startTestApp, TestApp } from '../support/test-app';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Paths that are not pages behind sign-in: the API, probes, tools, public pages and secret-link pages. */
const NOT_SIGNED_IN_PAGES =
  /^\/(api|health|metrics|admin|assets|calendar|a|letters|sign-in|sign-out|documents\/link|favicon\.ico(,assets\/favicon\.svg)?)(\/|$)/;

describe('signed-in pages: the role of each request, and never cached', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let bodyId: string;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test' });
    bodyId = (await createBody(t)).id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  /** A member with a current secretariat term, signed in through the emailed link. */
  const signedInSecretariat = async (email: string) => {
    const member = await createMember(t, { email, language: 'en' });
    const term = await addMembership(t, bodyId, { memberId: member.id, role: 'secretariat', startDate: '2020-01-01' });
    const { cookie, csrf } = await pageSession(t, smtp, email);
    const [sent]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM notification WHERE recipient_id = $1 AND kind = 'sign-in-link'`,
      [member.id],
    );
    return { member, term, cookie, csrf, emailId: sent.id };
  };
  const resends = async (emailId: string) =>
    Number(
      (await t.dataSource.query(`SELECT count(*) AS n FROM notification WHERE payload->>'resendOf' = $1`, [emailId]))[0]
        .n,
    );

  it('stops showing the secretariat pages, and refuses a resend, as soon as the secretariat term ends', async () => {
    const { term, cookie, csrf, emailId } = await signedInSecretariat('ending-term@example.org');
    await t.anonymous.get('/').set('Cookie', cookie).expect(200);
    await t.anonymous.get(`/outbox/${emailId}`).set('Cookie', cookie).expect(200);

    await t.admin.patch(`/api/bodies/${bodyId}/memberships/${term.id}`).send({ endDate: yesterday() }).expect(200);

    const dashboard = await t.anonymous.get('/').set('Cookie', cookie).expect(403);
    expect(dashboard.text).not.toContain('href="/outbox"');
    await t.anonymous.get(`/outbox/${emailId}`).set('Cookie', cookie).expect(403);
    const before = await resends(emailId);
    await t.anonymous.post(`/outbox/${emailId}/resend`).set('Cookie', cookie).type('form').send({ csrf }).expect(403);
    expect(await resends(emailId)).toBe(before);
    // Still signed in as a member: their own page works.
    await t.anonymous.get('/me').set('Cookie', cookie).expect(200);
  });

  it('gives the secretariat pages at once to a member whose secretariat term starts', async () => {
    const member = await createMember(t, { email: 'new-staff@example.org', language: 'en' });
    const { cookie } = await pageSession(t, smtp, 'new-staff@example.org');
    await t.anonymous.get('/').set('Cookie', cookie).expect(403);
    await addMembership(t, bodyId, { memberId: member.id, role: 'secretariat', startDate: '2020-01-01' });
    await t.anonymous.get('/').set('Cookie', cookie).expect(200);
  });

  it('signs a deactivated member out at once and refuses their member token', async () => {
    const { member, cookie, csrf, emailId } = await signedInSecretariat('leaving@example.org');
    const token = (
      await t.admin.post('/api/tokens').send({ name: 'leaving', role: 'member', memberId: member.id }).expect(201)
    ).body.token;
    const client = clientWithToken(t, token);
    await client.get('/api/meetings').expect(200);
    await t.anonymous.get('/').set('Cookie', cookie).expect(200);

    await t.admin.patch(`/api/members/${member.id}`).send({ active: false }).expect(200);

    const page = await t.anonymous.get('/').set('Cookie', cookie).expect(303);
    expect(page.headers.location).toBe('/sign-in');
    const before = await resends(emailId);
    await t.anonymous.post(`/outbox/${emailId}/resend`).set('Cookie', cookie).type('form').send({ csrf }).expect(303);
    expect(await resends(emailId)).toBe(before);
    const refused = await client.get('/api/meetings').expect(401);
    expect(refused.body.message).toBe('The token is not valid or has been revoked');
  });

  it('sends Cache-Control: no-store with every page behind sign-in, signed in or not, exports included', async () => {
    const { member, cookie, emailId } = await signedInSecretariat('no-store@example.org');
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId,
          kind: 'technical',
          title: { en: 'Cached?' },
          timeZone: 'UTC',
          startsAt: '2032-03-01T10:00:00Z',
        })
        .expect(201)
    ).body;
    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId, title: { en: 'Plan' }, period: '2032' })
        .expect(201)
    ).body;
    const ids: Record<string, string> = {
      members: member.id,
      meetings: meeting.id,
      'work-plan': plan.id,
      outbox: emailId,
      bodies: bodyId,
    };

    const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } }).router;
    const pagePaths = router.stack
      .filter((layer) => layer.route?.methods.get && !NOT_SIGNED_IN_PAGES.test(layer.route.path))
      .map((layer) => layer.route!.path);
    for (const expected of [
      '/',
      '/me',
      '/members',
      '/members/:id',
      '/outbox',
      '/outbox/:id',
      '/work-plan/:planId/export.:format',
    ])
      expect(pagePaths).toContain(expected);

    const urls = pagePaths.flatMap((path) => {
      const section = path.split('/')[1];
      const filled = path.replace(/:(\w+)/g, (_, name: string) =>
        name === 'format' ? 'csv' : (ids[section] ?? randomUUID()),
      );
      return path.includes(':format') ? [filled, filled.replace(/csv$/, 'xlsx')] : [filled];
    });
    const answers: { url: string; status: number; cacheControl: unknown; signedIn: boolean }[] = [];
    for (const url of urls) {
      const signedIn = await t.anonymous.get(url).set('Cookie', cookie);
      answers.push({ url, status: signedIn.status, cacheControl: signedIn.headers['cache-control'], signedIn: true });
      const signedOut = await t.anonymous.get(url);
      answers.push({
        url,
        status: signedOut.status,
        cacheControl: signedOut.headers['cache-control'],
        signedIn: false,
      });
    }
    // Every path found is a page behind sign-in (the signed-out visitor is sent to sign in) that worked for the secretariat.
    expect(answers.filter((a) => !a.signedIn && a.status !== 303)).toEqual([]);
    expect(answers.filter((a) => a.signedIn && a.status >= 500)).toEqual([]);
    expect(answers.filter((a) => a.cacheControl !== 'no-store')).toEqual([]);
    expect(answers.filter((a) => a.signedIn && a.url.endsWith('.xlsx')).map((a) => a.status)).toEqual([200]);
  });

  const MEMBER_VIEWS = [
    '/meetings/:id',
    '/meetings/:id/my-answer',
    '/meetings/:id/poll/mine',
    '/meetings/:id/calendar.ics',
    '/meetings/:id/certificates/:memberId.pdf',
    '/meetings/:id/letters/:memberId.pdf',
    '/meetings/:id/letters/:memberId',
    '/work-plan/items/:itemId',
    '/documents/:id',
    '/documents/:id/files/:language',
  ];

  it('declares who may see each page on the route, and @Public() only where no session is needed', async () => {
    const reflector = t.app.get(Reflector, { strict: false });
    const scanner = new MetadataScanner();
    const routes = t.app
      .get(DiscoveryService, { strict: false })
      .getControllers()
      .flatMap(({ metatype }) => {
        if (!metatype) return [];
        const type = metatype as new () => object;
        const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
        return scanner.getAllMethodNames(type.prototype).flatMap((name) => {
          const handler = (type.prototype as Record<string, object>)[name];
          if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) return [];
          const path =
            `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((part) => part !== '' && part !== '/').join('/')}`.replace(
              /\/+/g,
              '/',
            );
          const targets = [handler as () => void, type];
          return [
            {
              path,
              get: Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.GET,
              page: reflector.getAllAndOverride<string | undefined>(PAGE_ROUTE, targets),
              public: reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets) === true,
            },
          ];
        });
      });
    const pages = routes.filter((r) => !NOT_SIGNED_IN_PAGES.test(r.path));
    expect(pages.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/', '/me', '/meetings/:id/poll', '/work-plan/:planId/import']),
    );
    // Every page says who may see it: the member's own page, and the meetings, polls and activities their
    // emails link to, for whoever is signed in (each shows the reader only what is theirs); the rest for the secretariat.
    const forMembers = (r: { path: string; get: boolean }) =>
      r.path === '/me' ||
      r.path.startsWith('/me/') ||
      MEMBER_VIEWS.includes(r.path) ||
      (r.path === '/meetings/:id/poll' && r.get) ||
      (r.path === '/bodies/:id/library' && r.get);
    expect(pages.filter((r) => r.page !== (forMembers(r) ? 'member' : 'secretariat'))).toEqual([]);
    expect(routes.filter((r) => r.page !== undefined && r.public)).toEqual([]);
    expect(routes.filter((r) => r.public && !NOT_SIGNED_IN_PAGES.test(r.path))).toEqual([]);
  });

  it('sends Cache-Control: no-store when signing out', async () => {
    const { cookie, csrf } = await signedInSecretariat('signing-out@example.org');
    const out = await t.anonymous.post('/sign-out').set('Cookie', cookie).type('form').send({ csrf }).expect(200);
    expect(out.headers['cache-control']).toBe('no-store');
  });
});
