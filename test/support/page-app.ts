import { seedDemo } from '../../src/demo/demo-seeder';
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
