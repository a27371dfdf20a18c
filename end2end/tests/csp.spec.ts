import { expect, test } from '@playwright/test';
import { crawl, DEMO_PASSWORD, login, ORGANISER_STARTS, VISITOR_STARTS } from './helpers';

// Every page, as a visitor and as the organiser, under the Content-Security-Policy the server
// sends: no violation is reported, and with JavaScript the page still hydrates (so the digest
// lets the bootstrap script run and 'wasm-unsafe-eval' the WASM compile).

test('no page of the site breaks its Content-Security-Policy', async ({ page }, info) => {
  test.setTimeout(240_000);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  if (info.project.name === 'js') {
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as any;
        w.__cspViolations = (w.__cspViolations ?? []).concat(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
  }
  const check = async (path: string, response: Awaited<ReturnType<typeof page.goto>>) => {
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy, `${path} (${response?.status()} ${response?.url()}): the page's policy`)
      .toMatch(/script-src 'self' ('sha256-[A-Za-z0-9+/]{43}=' )+'wasm-unsafe-eval'/);
    if (info.project.name === 'js') {
      const events: string[] = await page.evaluate(() => (window as any).__cspViolations ?? []);
      violations.push(...events.map((e) => `${path}: ${e}`));
    }
  };
  expect(await crawl(page, VISITOR_STARTS, check), 'pages visited').toBeGreaterThan(8);
  await login(page, info, 'organisation', DEMO_PASSWORD);
  expect(await crawl(page, ORGANISER_STARTS, check), 'pages visited').toBeGreaterThan(8);
  expect(violations).toEqual([]);
});
