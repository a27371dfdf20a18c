import { expect, Page, test } from '@playwright/test';
import { settle, uniqueName, register } from './helpers';

// Each payload would set window.__xss (or open a dialog) if it ever ran.
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror=window.__xss=1>',
  '<svg onload=window.__xss=1><circle r=1 /></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<details open ontoggle=window.__xss=1>',
  '[a](javascript:window.__xss=1)',
  '[b](JaVaScRiPt:window.__xss=1)',
  '[c](&#106;avascript:window.__xss=1)',
  '[d](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '[e](java\tscript:window.__xss=1)',
  '<a href="javascript&colon;window.__xss=1">f</a>',
  '![g](https://evil.example/x.png" onerror="window.__xss=1)',
  '</textarea><script>window.__xss=1</script>',
  '</script><script>window.__xss=1</script>',
  '" onmouseover="window.__xss=1',
  "'><img src=x onerror=window.__xss=1>",
  '<style>body{background:url("javascript:window.__xss=1")}</style>',
];

/** Nothing ran, and nothing could run later: no handler attribute, no script URL, no
 * foreign frame, no svg or math element. */
async function expectInert(page: Page, dialogs: string[], where: string) {
  await settle(page, test.info());
  expect(await page.evaluate(() => (window as any).__xss), `${where}: a payload ran`).toBeUndefined();
  expect(dialogs, `${where}: a dialog opened`).toEqual([]);
  const found = await page.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (name.startsWith('on')) bad.push(`${el.tagName} ${name}`);
        if (['href', 'src', 'action', 'formaction', 'srcdoc'].includes(name) &&
            (value.startsWith('javascript:') || value.startsWith('data:') || name === 'srcdoc')) {
          bad.push(`${el.tagName} ${name}=${attr.value}`);
        }
      }
      if (['SCRIPT', 'IFRAME', 'SVG', 'MATH', 'STYLE', 'IMG', 'OBJECT', 'EMBED'].includes(el.tagName.toUpperCase())
          && el.closest('main')) {
        bad.push(el.tagName);
      }
    }
    return bad;
  });
  expect(found, `${where}: live markup from user text`).toEqual([]);
}

test('an XSS catalogue executes nothing anywhere user text is shown', async ({ page }, info) => {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const username = uniqueName('xss', info);
  await register(page, info, username, '<img src=x onerror=window.__xss=1>', 'une phrase de passe solide');

  const marker = `xss${info.project.name}${Date.now()}`;
  await page.goto('/topics/culture/new');
  await settle(page, info);
  await page.getByLabel('Titre').fill(`${marker} <script>window.__xss=1</script>`);
  await page.getByLabel('Résumé').fill(PAYLOADS.slice(0, 4).join(' '));
  await page.getByLabel('Texte de la proposition').fill(`${marker}\n\n${PAYLOADS.join('\n\n')}`);
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(marker);
  const proposalUrl = page.url().replace(/#.*$/, '');
  await settle(page, info);
  await page.getByLabel('Votre commentaire').last().fill(PAYLOADS.join('\n\n'));
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  await expect(page.locator('.comment').first()).toBeVisible();

  for (const path of [
    proposalUrl,
    `${proposalUrl}/edit`,
    `${proposalUrl}/history`,
    '/topics/culture',
    `/search?q=${marker}`,
    '/account',
  ]) {
    await page.goto(path);
    await expectInert(page, dialogs, path);
  }
  // The author's own edit form holds the raw text of the comment: it must stay text.
  await page.goto(proposalUrl);
  await settle(page, info);
  const edit = page.locator('.comment').first().locator('summary', { hasText: 'Modifier' });
  await edit.click();
  await expect(page.locator('.comment').first().locator('textarea[id^="edit-"]')).toHaveValue(PAYLOADS.join('\n\n'));
  await expectInert(page, dialogs, 'comment edit form');
});
