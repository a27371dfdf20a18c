import { expect, test } from '@playwright/test';
import { register, settle, uniqueName } from './helpers';

// Anonymous pages are kept rendered (issue 16), yet a reader never sees one older than a write
// that was acknowledged: right after a citizen's comment is published, a visitor who loads the
// proposal again sees it, and the page says it was rendered anew, not taken from the cache.

test('a kept page is fresh right after a write', async ({ page, browser }, info) => {
  const visitor = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  const cacheOf = async (path: string) => {
    const response = await visitor.goto(path);
    expect(response?.status()).toBe(200);
    return response?.headers()['x-page-cache'];
  };
  // Visited again, the page is served from the cache.
  await expect.poll(() => cacheOf('/proposals/2')).toBe('hit');

  const words = `Un avis tout frais ${info.project.name} ${Date.now()}`;
  await register(page, info, uniqueName('frais', info), 'Camille Frais', 'une phrase de passe solide');
  await page.goto('/proposals/2');
  await settle(page, info);
  // The last: each comment's reply form, folded away, carries the same label.
  await page.getByLabel('Votre commentaire').last().fill(words);
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  await expect(page.locator('.comment').filter({ hasText: words })).toBeVisible();

  // At once, with no wait: the visitor's next load is rendered anew and shows the comment.
  expect(await cacheOf('/proposals/2'), 'the first visit after the write').toBe('miss');
  expect(await visitor.locator('.comment').filter({ hasText: words }).count()).toBe(1);
  // And the page is kept again (polled: the citizen's own requests may write meanwhile).
  await expect.poll(() => cacheOf('/proposals/2')).toBe('hit');
  await visitor.context().close();
});
