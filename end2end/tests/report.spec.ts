import { expect, Page, test, TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, expectAccessible, login, settle } from './helpers';

// LibreOffice runs one instance per profile: another run of the suite converting at the same
// moment (the two backends run side by side) would be handed this file and answer for both.
// A profile of its own per conversion keeps each call independent.
function ownProfile(dir: string): string {
  return `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`;
}

/** Titles of the adopted proposals, from the open data (a second road to the same facts). */
async function adoptedTitles(page: Page): Promise<string[]> {
  const res = await page.request.get('/open-data/proposals.json');
  expect(res.status()).toBe(200);
  const data = await res.json();
  expect(data.licence.name).toContain('Licence Ouverte');
  return data.records.filter((r: { status: string }) => r.status === 'adopted').map((r: { title: string }) => r.title);
}

/** Saves the file a download link gives; its path. */
async function download(page: Page, dir: string, linkName: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName, exact: true }).click()]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

/** pdftotext joins lines at will: compare words only. */
function words(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/- /g, '');
}

test('an organiser builds the report, reads it and downloads PDF, ODT and Markdown', async ({ page }, info: TestInfo) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'report-'));
  await login(page, info, 'organisation', DEMO_PASSWORD);
  await page.goto('/admin/report');
  await settle(page, info);
  await expect(page.getByRole('heading', { name: 'Préparer le rapport', level: 1 })).toBeVisible();
  await expectAccessible(page);

  const intro = `Introduction écrite par le test ${info.project.name} ${Date.now()}.`;
  await page.getByLabel('Introduction (Markdown)').fill(intro);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await settle(page, info);
  await expect(page.getByLabel('Introduction (Markdown)')).toHaveValue(intro);

  const note = `Nuance du test ${info.project.name} : une minorité voulait aller plus loin.`;
  await page.getByLabel('Note de dissensus (Markdown)').fill(note);
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await settle(page, info);
  await expect(page.getByText(note)).toBeVisible();

  // The public page shows it, adopted proposals included, and passes axe.
  const adopted = await adoptedTitles(page);
  expect(adopted.length).toBeGreaterThan(0);
  await page.goto('/report');
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Convention citoyenne');
  await expect(page.getByText(intro)).toBeVisible();
  for (const title of adopted) await expect(page.getByRole('heading', { name: title }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Annexe : résultats des scrutins' })).toBeVisible();
  await expectAccessible(page);

  // Downloads.
  await page.goto('/admin/report');
  await settle(page, info);
  const pdf = await download(page, dir, 'PDF');
  const odt = await download(page, dir, 'ODT');
  const md = await download(page, dir, 'Markdown');
  expect(path.basename(pdf)).toMatch(/^rapport-convention-\d{4}-\d{2}-\d{2}\.pdf$/);

  const pdfInfo = execFileSync('pdfinfo', [pdf]).toString();
  expect(pdfInfo).toMatch(/Pages:\s+([3-9]|\d\d)/);
  expect(pdfInfo).toContain('Rapport');
  const pdfText = words(execFileSync('pdftotext', ['-layout', pdf, '-']).toString());
  expect(pdfText).toContain('Sommaire');
  expect(pdfText).toContain(words(intro).slice(0, 40));
  for (const title of adopted) expect(pdfText).toContain(words(title).slice(0, 30));
  expect(pdfText).toMatch(/1re sur \d+ chez les membres tirés au sort/);

  const markdown = readFileSync(md, 'utf8');
  for (const title of adopted) expect(markdown).toContain(title.replace(/[’]/g, '’'));
  expect(markdown).toContain(note.replace(':', ':'));

  // LibreOffice opens the ODT (converted to PDF, then read back).
  if (info.project.name === 'js') {
    execFileSync('soffice', [ownProfile(dir), '--headless', '--convert-to', 'pdf', '--outdir', dir, odt], { timeout: 120_000 });
    const fromOdt = words(execFileSync('pdftotext', [odt.replace(/\.odt$/, '.pdf'), '-']).toString());
    for (const title of adopted) expect(fromOdt).toContain(words(title).slice(0, 30));
  }

  // Tidy up the note, so the next run starts from the demo's.
  await page.goto('/admin/report#dissents');
  await settle(page, info);
  const item = page.locator('.report-dissents li').filter({ hasText: note });
  await item.locator('summary', { hasText: 'Supprimer cette note' }).click();
  await expect(item.getByText('le journal de modération')).toBeVisible();
  await item.getByRole('button', { name: 'Oui, la supprimer' }).click();
  await settle(page, info);
  await expect(page.getByText(note)).toHaveCount(0);
});

test('non-organisers cannot download the report; open data is public and inert in a spreadsheet', async ({ page }, info: TestInfo) => {
  test.setTimeout(120_000);
  const anon = await page.request.get('/admin/report/download?format=pdf');
  expect(anon.status()).toBe(401);
  await login(page, info, 'karim34', DEMO_PASSWORD);
  const member = await page.request.get('/admin/report/download?format=md');
  expect(member.status()).toBe(403);

  // A comment that a spreadsheet would run as a formula.
  const formula = `=1+1+${info.project.name.length}`;
  await page.goto('/');
  await settle(page, info);
  await page.getByRole('link', { name: 'Éducation' }).first().click();
  await settle(page, info);
  const field = page.locator('#new-comment-body');
  await field.fill(formula);
  await field.locator('xpath=ancestor::form').getByRole('button', { name: 'Publier le commentaire' }).click();
  // Posted once it shows in the thread: leaving the page earlier could cut the request short.
  await expect(page.getByText(formula, { exact: true }).first()).toBeVisible();

  await page.goto('/open-data');
  await settle(page, info);
  await expectAccessible(page);
  const res = await page.request.get('/open-data/comments.csv');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="convention-comments-\d{4}-\d{2}-\d{2}\.csv"$/);
  const csv = await res.text();
  expect(csv).toContain(`"'${formula}"`);
  if (info.project.name === 'js') {
    const dir = mkdtempSync(path.join(tmpdir(), 'csv-'));
    const file = path.join(dir, 'comments.csv');
    writeFileSync(file, csv);
    // Opened as a spreadsheet and saved back as CSV: a formula would come out computed.
    execFileSync('soffice', [ownProfile(dir), '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', path.join(dir, 'out'), file], { timeout: 120_000 });
    const back = readFileSync(path.join(dir, 'out', 'comments.csv'), 'utf8');
    expect(back).toContain(formula);
  }
});
