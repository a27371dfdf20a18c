import { expect, test } from '@playwright/test';
import { crawl, DEMO_PASSWORD, login, ORGANISER_STARTS, VISITOR_STARTS } from './helpers';

// On a 360 px phone no page is wider than the screen: wide tables scroll inside their own box
// and charts shrink, so the page itself never scrolls sideways. Every route shape a visitor
// and the organiser reach is checked (the results of every voting method are checked in
// rounds.spec.ts, which closes a round of each).

test.use({ viewport: { width: 360, height: 740 } });

test('no page is wider than a 360 px screen', async ({ page }, info) => {
  test.setTimeout(300_000);
  const wide: string[] = [];
  const check = async (path: string) => {
    let width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 360) {
      // Measured once more after a second: a page was once seen wide for an instant in a run
      // (its charts unstyled), which no person sees; what stays wide is what counts.
      await page.waitForTimeout(1000);
      width = await page.evaluate(() => document.documentElement.scrollWidth);
    }
    if (width > 360) {
      const culprits = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > 361 && !e.closest('.scroll-box'))
          .slice(0, 3)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      );
      wide.push(`${path}: ${width} px (${culprits.join(', ')})`);
    }
  };
  expect(await crawl(page, VISITOR_STARTS, check)).toBeGreaterThan(8);
  await login(page, info, 'organisation', DEMO_PASSWORD);
  expect(await crawl(page, ORGANISER_STARTS, check)).toBeGreaterThan(8);
  expect(wide).toEqual([]);
});
