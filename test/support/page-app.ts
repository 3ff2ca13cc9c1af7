import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../src/demo/demo-seeder';
import { waitFor } from './smtp-sink';
import type { SmtpSink } from './smtp-sink';
import { startTestApp, TestApp } from './test-app';

/** The app a browser test drives: its emails caught by `smtp`, listening on the spec's own port, the WGECC demo loaded; with the Working Group's id. */
export async function startDemoPageApp(smtp: SmtpSink, port: number): Promise<{ t: TestApp; wgId: string }> {
  await smtp.start();
  const t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: `http://127.0.0.1:${port}` });
  await t.app.listen(port, '127.0.0.1');
  await seedDemo(t.dataSource);
  const wgId = (await t.admin.get('/api/bodies?kind=working_group').expect(200)).body.items[0].id as string;
  return { t, wgId };
}

/** A fresh browser context (its own cookies) with one page, at the given size. */
export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, bypassCSP: true, locale: 'en-GB' });
  return { context, page: await context.newPage() };
}

/** A session cookie and its CSRF token, got through the emailed link as a browser would, for form posts made with supertest. */
export async function pageSession(
  t: TestApp,
  smtp: SmtpSink,
  email: string,
): Promise<{ cookie: string; csrf: string }> {
  smtp.clear();
  await t.anonymous.post('/sign-in').type('form').send({ email }).expect(200);
  await waitFor(() => smtp.to(email).length === 1, { what: 'the sign-in email' });
  const path = new URL(/(https?:\/\/\S+\/sign-in\/[A-Za-z0-9_.-]+)/.exec(smtp.to(email)[0].parsed.text ?? '')![1])
    .pathname;
  const signedIn = await t.anonymous.post(path).expect(303);
  const cookie = String((signedIn.headers['set-cookie'] as unknown as string[])[0]).split(';')[0];
  const me = await t.anonymous.get('/me').set('Cookie', cookie).expect(200);
  return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(me.text)![1] };
}
