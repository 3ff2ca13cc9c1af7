import { pageSuite, shootBothSizes, signedInPage, submit } from '../support/page-suite';

/** A 1×1 PNG: the logo chosen in the file input. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The body's letter settings in a browser: a real file input, its preview, and a refusal shown in place. */
describe('letter settings on the body pages', () => {
  const suite = pageSuite(39898);

  it('uploads a logo from the body page, previews it and shows a bad file by its label', async () => {
    const { context, page } = await signedInPage(suite, 'l.bianchi@demo.wgecc.example');
    await page.goto(`${suite.base}/bodies/${suite.wgId}`);
    await Promise.all([page.waitForLoadState('load'), page.locator('#letter-settings').click()]);
    await page.locator('#ls-letterheadName-en').fill('WGECC Secretariat');
    await page.locator('#ls-signatoryName-en').fill('Anna Berg');
    await page.locator('#ls-logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await submit(page, 'Save letter settings');
    await expect(page.locator('.notice').isVisible()).resolves.toBe(true);
    await expect(page.locator('img.letter-image').count()).resolves.toBe(1);
    await shootBothSizes(page, 'body-letter-settings');
    await page
      .locator('#ls-signature')
      .setInputFiles({ name: 'sign.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
    await submit(page, 'Save letter settings');
    await expect(page.locator('#ls-signature-error').textContent()).resolves.toContain('Signature image:');
    await shootBothSizes(page, 'body-letter-settings-error');
    await context.close();
  });
});
