import { expect, Page, test } from '@playwright/test';
import { DEMO_PASSWORD, login, settle } from './helpers';

// Every page, as a visitor and as the organiser, under the Content-Security-Policy the server
// sends: no violation is reported, and with JavaScript the page still hydrates (so the nonce
// lets the bootstrap script run and 'wasm-unsafe-eval' the WASM compile).

/** Links to follow: this site's pages, not downloads, data or language switches. */
function followable(href: string): boolean {
  return (
    href.startsWith('/') &&
    !href.startsWith('//') &&
    !/^\/(lang|api|open-data|pkg)\//.test(href) &&
    !/\.(json|csv|pdf|odt|md|html|xlsx|zip)(\?|$)/.test(href) &&
    !href.startsWith('/admin/report/download') &&
    !href.startsWith('/admin/audit.csv')
  );
}

/** One visit per route shape (ids replaced), so a long list of proposals costs one visit. */
function shape(path: string): string {
  return path.split('#')[0].replace(/\/\d+/g, '/:id').replace(/\?.*$/, '');
}

async function crawl(page: Page, starts: string[], violations: string[]) {
  const info = test.info();
  const seen = new Set<string>();
  const queue = [...starts];
  let visited = 0;
  while (queue.length > 0 && visited < 40) {
    const path = queue.shift()!;
    if (seen.has(shape(path))) continue;
    seen.add(shape(path));
    visited++;
    const response = await page.goto(path);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy, `${path}: the page's policy`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{22,}' 'wasm-unsafe-eval'/);
    await settle(page, info);
    if (info.project.name === 'js') {
      const events: string[] = await page.evaluate(() => (window as any).__cspViolations ?? []);
      violations.push(...events.map((e) => `${path}: ${e}`));
    }
    const hrefs = await page.locator('a[href]').evaluateAll((links) =>
      links.map((a) => a.getAttribute('href') ?? ''),
    ).catch(() => [] as string[]);
    for (const href of hrefs) if (followable(href)) queue.push(href.split('#')[0]);
  }
  expect(visited, 'pages visited').toBeGreaterThan(8);
}

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
  await crawl(page, ['/', '/rounds', '/report', '/open-data', '/search?q=ia', '/register', '/page-absente'], violations);
  await login(page, info, 'organisation', DEMO_PASSWORD);
  await crawl(
    page,
    ['/account', '/moderation', '/moderation/users', '/curation', '/curation/new', '/admin/settings',
      '/admin/users', '/admin/audit', '/admin/report', '/rounds/new', '/topics/education/new'],
    violations,
  );
  expect(violations).toEqual([]);
});
