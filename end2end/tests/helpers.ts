import { expect, Page, test, TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'convention-demo-2026';

/** A username unique to this run and project. */
export function uniqueName(prefix: string, info: TestInfo): string {
  return `${prefix}-${info.project.name}-${Date.now().toString(36)}`.slice(0, 32);
}

/** Waits for hydration when JavaScript is on (the app marks `<body data-hydrated>` once the
 * WASM has taken over) — a no-op without JavaScript. */
export async function settle(page: Page, info: TestInfo) {
  await page.waitForLoadState('load');
  if (info.project.name === 'js') {
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 15_000 });
    // Resources may still answer after hydration and redraw part of the page; a click on a
    // link being replaced is lost (see the session notes on client-side navigation).
    await page.waitForLoadState('networkidle');
  }
}

/** axe-core on the whole page: no violation of WCAG 2.1 A/AA rules.
 *
 * axe runs inside the page, which a JavaScript-disabled page cannot do: there, the same URL is
 * loaded with the same cookies in a script-enabled page whose own scripts (the app's JS and
 * WASM) are blocked, so axe sees exactly what a browser without JavaScript shows. */
export async function expectAccessible(page: Page) {
  if (test.info().project.name === 'nojs') {
    const browser = page.context().browser()!;
    const context = await browser.newContext({
      javaScriptEnabled: true,
      storageState: await page.context().storageState(),
      locale: 'fr-FR',
    });
    try {
      await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
      const mirror = await context.newPage();
      await mirror.goto(page.url());
      await axeCheck(mirror);
    } finally {
      await context.close();
    }
  } else {
    await axeCheck(page);
  }
}

async function axeCheck(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export async function login(page: Page, info: TestInfo, username: string, password: string) {
  await page.goto('/login');
  await settle(page, info);
  await page.getByLabel('Nom d’utilisateur').fill(username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('link', { name: 'Mon compte' })).toBeVisible();
}

/** Creates an account through the registration form and waits until it is signed in. */
export async function register(page: Page, info: TestInfo, username: string, displayName: string, password: string) {
  await page.goto('/register');
  await settle(page, info);
  await page.getByLabel('Nom d’utilisateur').fill(username);
  await page.getByLabel('Nom affiché').fill(displayName);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('link', { name: 'Mon compte' })).toBeVisible();
}

/** Links a crawl follows: this site's pages, not downloads, data or language switches. */
export function followable(href: string): boolean {
  return (
    href.startsWith('/') &&
    !href.startsWith('//') &&
    !/^\/(lang|api|open-data|pkg)\//.test(href) &&
    !/\.(json|csv|pdf|odt|md|html|xlsx|zip)(\?|$)/.test(href) &&
    !/^\/(admin\/)?report\/download/.test(href) &&
    !href.startsWith('/admin/audit.csv')
  );
}

/** One visit per route shape (ids replaced), so a long list of proposals costs one visit. */
function shape(path: string): string {
  return path.split('#')[0].replace(/\/\d+/g, '/:id').replace(/\?.*$/, '');
}

/** Visits every route shape reachable from `starts` by links (at most 40 pages), calling
 * `check` on each once it has loaded (and hydrated, with JavaScript); answers how many. */
export async function crawl(
  page: Page,
  starts: string[],
  check: (path: string, response: Awaited<ReturnType<Page['goto']>>) => Promise<void>,
): Promise<number> {
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
    await settle(page, info);
    await check(path, response);
    const hrefs = await page.locator('a[href]').evaluateAll((links) =>
      links.map((a) => a.getAttribute('href') ?? ''),
    ).catch(() => [] as string[]);
    for (const href of hrefs) if (followable(href)) queue.push(href.split('#')[0]);
  }
  return visited;
}

/** Where the crawls start: a visitor's pages, then the organiser's (signed in between). */
export const VISITOR_STARTS = ['/', '/rounds', '/report', '/open-data', '/search?q=ia', '/search?q=desinformation', '/register', '/page-absente'];
export const ORGANISER_STARTS = ['/account', '/moderation', '/moderation/users', '/curation', '/curation/new',
  '/admin/settings', '/admin/users', '/admin/audit', '/admin/report', '/rounds/new', '/topics/education/new'];
