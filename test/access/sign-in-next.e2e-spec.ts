import { addMembership, createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

describe('signing in from a page link: back to the page asked for, or to the usual one', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let bodyId: string;
  let meetingId: string;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test' });
    bodyId = (await createBody(t)).id;
    meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId,
          kind: 'working_group',
          title: { en: 'The 12th meeting' },
          timeZone: 'Asia/Almaty',
          startsAt: '2032-01-10T10:00:00+05:00',
        })
        .expect(201)
    ).body.id as string;
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const member = async (email: string, role: 'member' | 'secretariat' = 'member') => {
    const created = await createMember(t, { email, language: 'en' });
    await addMembership(t, bodyId, { memberId: created.id, role, startDate: '2020-01-01' });
    return created;
  };

  /** Asks for a link (with `next` as the sign-in form would send it) and confirms it: the answer to the confirmation. */
  const signIn = async (email: string, next?: string, beforeConfirm?: () => Promise<unknown>) => {
    smtp.clear();
    await t.anonymous
      .post('/sign-in')
      .type('form')
      .send(next === undefined ? { email } : { email, next })
      .expect(200);
    await waitFor(() => smtp.to(email).length === 1, { what: 'the sign-in email' });
    const link = /(https?:\/\/\S+\/sign-in\/[A-Za-z0-9_.-]+)/.exec(smtp.to(email)[0].parsed.text ?? '')![1];
    await beforeConfirm?.();
    const confirmed = await t.anonymous.post(new URL(link).pathname).expect(303);
    const cookie = String((confirmed.headers['set-cookie'] as unknown as string[])[0]).split(';')[0];
    return { location: confirmed.headers.location, cookie, link };
  };

  it('sends a signed-out reader of a page to sign in, says why, and opens that page once signed in', async () => {
    await member('asks-for-poll@example.org');
    const asked = `/meetings/${meetingId}?lang=ru`;

    const redirect = await t.anonymous.get(asked).expect(303);
    expect(redirect.headers.location).toBe(`/sign-in?next=${encodeURIComponent(asked)}`);

    const form = await t.anonymous.get(redirect.headers.location).expect(200);
    expect(form.text).toContain('Sign in to open this page.');
    const hidden = /<input type="hidden" name="next" value="([^"]*)">/.exec(form.text)![1];
    expect(hidden.replace(/&#x3D;/g, '=')).toBe(asked);

    const { location, cookie, link } = await signIn('asks-for-poll@example.org', asked);
    // The emailed link names no page: the page is kept with the link, so editing the link can't change it.
    expect(link).not.toContain('meetings');
    expect(location).toBe(asked);
    await t.anonymous.get(location).set('Cookie', cookie).expect(200);
  });

  it('says why in the language the reader chose before, else their browser’s', async () => {
    const path = `/sign-in?next=${encodeURIComponent(`/meetings/${meetingId}/poll`)}`;
    const russian = await t.anonymous.get(path).set('Accept-Language', 'ru-RU,ru;q=0.9').expect(200);
    expect(russian.text).toContain('Войдите, чтобы открыть эту страницу.');
    const kazakh = await t.anonymous
      .get(path)
      .set('Accept-Language', 'ru-RU,ru;q=0.9')
      .set('Cookie', 'wgs_lang=kk')
      .expect(200);
    expect(kazakh.text).toContain('Бұл бетті ашу үшін кіріңіз.');
    const plain = await t.anonymous.get('/sign-in').expect(200);
    expect(plain.text).not.toContain('Sign in to open this page.');
    expect(plain.text).not.toContain('name="next"');
  });

  it('opens the usual page instead of one on another site, the API or the sign-in pages', async () => {
    const hostile = ['//evil.example', 'https://evil.example', '/\\evil', '/api/members'];
    for (const [i, next] of hostile.entries()) {
      const form = await t.anonymous.get(`/sign-in?next=${encodeURIComponent(next)}`).expect(200);
      expect(form.text).not.toContain('name="next"');
      expect(form.text).not.toContain('Sign in to open this page.');
      await member(`hostile-${i}@example.org`);
      const { location } = await signIn(`hostile-${i}@example.org`, next);
      expect({ next, location }).toEqual({ next, location: '/me' });
    }
    // A stored page is checked again when the link is used.
    await member('stored@example.org');
    const { location } = await signIn('stored@example.org', `/meetings/${meetingId}`, () =>
      t.dataSource.query(`UPDATE sign_in_link SET next_path = '//evil.example'`),
    );
    expect(location).toBe('/me');
  });

  it('lands the secretariat on the dashboard and a member on their own page by default', async () => {
    await member('staff-default@example.org', 'secretariat');
    await member('member-default@example.org');
    const staff = await signIn('staff-default@example.org');
    expect(staff.location).toBe('/');
    await t.anonymous.get('/').set('Cookie', staff.cookie).expect(200);
    expect((await signIn('member-default@example.org')).location).toBe('/me');
  });

  it('signs in from a form post or the home page to the usual page', async () => {
    const home = await t.anonymous.get('/').expect(303);
    expect(home.headers.location).toBe('/sign-in');
    const post = await t.anonymous.post(`/meetings/${meetingId}/my-answer`).type('form').send({}).expect(303);
    expect(post.headers.location).toBe('/sign-in');
  });
});
