import type { Page } from 'playwright-core';

/**
 * Imports a work-plan table through the pages as the secretariat does: choose the file, read the
 * preview of every row, then "Import these N rows". Needs a signed-in secretariat page. `onPreview`
 * runs while the preview is shown and nothing is written yet. Returns how many rows the preview
 * listed and the sentence the work-plan page shows after the import.
 */
export async function importWorkPlanWithPreview(
  page: Page,
  base: string,
  planId: string,
  filePath: string,
  options: { onPreview?: (page: Page) => Promise<void> } = {},
): Promise<{ previewRows: number; notice: string }> {
  await page.goto(`${base}/work-plan/${planId}/import`);
  await page.locator('input[type=file][name=file]').setInputFiles(filePath);
  await Promise.all([
    page.waitForURL(`${base}/work-plan/${planId}/import`),
    page.locator('form[enctype="multipart/form-data"] button[type=submit]').click(),
  ]);
  await page.waitForSelector('table.preview');
  const previewRows = await page.locator('table.preview tbody tr').count();
  await options.onPreview?.(page);
  const confirm = page.locator(`form[action="/work-plan/${planId}/import/confirm"] button[type=submit]`);
  await Promise.all([
    page.waitForURL((url) => url.pathname === `/work-plan/${planId}` && url.searchParams.has('imported')),
    confirm.click(),
  ]);
  return { previewRows, notice: (await page.locator('p.notice').textContent())?.trim() ?? '' };
}
