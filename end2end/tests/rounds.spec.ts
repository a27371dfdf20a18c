import { Browser, expect, Page, test, TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, expectAccessible, login, settle } from './helpers';

const CONVENTION = process.env.CONVENTION_BIN ?? path.resolve(__dirname, '../../target/release/convention');

type Values = Record<number, string>;
/** Per method: the three members' ballots (by candidate index), and voter A's changed ballot.
 * In every method candidate 0 ends first. Majority judgment comes last: its round adopts
 * candidate 0, which then can no longer be put to a vote. */
const PLAN: Record<string, { ballots: Values[]; change: Values; score: string }> = {
  borda: { ballots: [{ 1: '1', 0: '2' }, { 0: '1', 2: '2' }, { 0: '1' }], change: { 0: '1', 1: '2', 2: '3' }, score: '6' },
  schulze: { ballots: [{ 1: '1', 0: '2' }, { 0: '1', 2: '2' }, { 0: '1' }], change: { 0: '1', 1: '2', 2: '3' }, score: '2' },
  approval: { ballots: [{ 1: 'on' }, { 0: 'on' }, { 0: 'on', 2: 'on' }], change: { 0: 'on' }, score: '3' },
  cumulative: { ballots: [{ 1: '10' }, { 0: '6', 2: '4' }, { 0: '5' }], change: { 0: '10' }, score: '21' },
  quadratic: { ballots: [{ 1: '3' }, { 0: '2', 2: '1' }, { 0: '1', 1: '-2' }], change: { 0: '3' }, score: '6' },
  measure: { ballots: [{ 0: 'against' }, { 0: 'for' }, { 0: 'for', 1: 'against' }], change: { 0: 'for' }, score: '100 %' },
  majority_judgment: {
    ballots: [{ 0: '4', 1: '6', 2: '5' }, { 0: '1', 1: '6', 2: '5' }, { 0: '2', 1: '5', 2: '6' }],
    change: { 0: '0', 1: '6', 2: '6' },
    score: 'Très bien',
  },
};

const MEMBERS = ['karim34', 'lucie-p', 'thomas_r'];

async function member(browser: Browser, info: TestInfo, username: string): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: info.project.name === 'js',
    locale: 'fr-FR',
    baseURL: info.project.use.baseURL,
  });
  const page = await context.newPage();
  await login(page, info, username, DEMO_PASSWORD);
  return page;
}

/** Fills the whole ballot (every candidate, so a changed ballot leaves nothing of the old). */
async function fillBallot(page: Page, method: string, ids: number[], values: Values) {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const v = values[i] ?? '';
    switch (method) {
      case 'borda':
      case 'schulze':
        await page.locator(`select[name="ballot[${id}]"]`).selectOption(v);
        break;
      case 'majority_judgment':
        await page.locator(`#ballot-${id}-${v === '' ? '6' : v}`).check();
        break;
      case 'approval':
        await page.locator(`#ballot-${id}`).setChecked(v === 'on');
        break;
      case 'cumulative':
      case 'quadratic':
        await page.locator(`#ballot-${id}`).fill(v);
        break;
      default:
        if (v !== '') await page.locator(`#ballot-${id}-${v}`).check();
    }
  }
}

async function vote(page: Page, info: TestInfo, round: number, method: string, ids: number[], values: Values, check = false): Promise<string> {
  await page.goto(`/rounds/${round}`);
  await settle(page, info);
  if (check) await expectAccessible(page);
  const before = (await page.locator('.receipt').count()) > 0 ? await page.locator('.receipt').textContent() : null;
  await fillBallot(page, method, ids, values);
  await page.locator('form.ballot button[type=submit]').click();
  const receipt = page.locator('.receipt');
  await expect(receipt).toBeVisible();
  if (before) await expect(receipt).not.toHaveText(before);
  await expect(page.getByText('Votre bulletin est enregistré.')).toBeVisible();
  return (await receipt.textContent())!.trim();
}

test('organisers open a round of each method; members vote, one changes; results re-count from the published ballots', async ({ page, browser }, info) => {
  test.setTimeout(360_000);
  await login(page, info, 'organisation', DEMO_PASSWORD);
  const voters = [];
  for (const name of MEMBERS) voters.push(await member(browser, info, name));
  const dir = mkdtempSync(path.join(tmpdir(), 'rounds-'));
  // The rounds' own proposals: an adopted proposal takes no more comments, and other tests
  // comment on the demo's.
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto('/topics/emploi/new');
    await settle(page, info);
    await page.getByLabel('Titre').fill(`Mesure soumise au vote ${i + 1} (${info.project.name} ${Date.now().toString(36)})`);
    await page.getByLabel('Résumé').fill('Une proposition écrite pour être votée.');
    await page.getByRole('button', { name: 'Publier' }).first().click();
    await expect(page).toHaveURL(/\/proposals\/\d+/);
    ids.push(Number(new URL(page.url()).pathname.split('/').pop()));
  }

  for (const [n, method] of Object.keys(PLAN).entries()) {
    const plan = PLAN[method];
    const title = `Scrutin ${method} ${info.project.name} ${Date.now().toString(36)}`;
    await page.goto('/rounds/new');
    await settle(page, info);
    if (n === 0) await expectAccessible(page);
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Méthode').selectOption(method);
    await page.getByLabel('Qui vote').selectOption('members');
    await page.locator('#round-budget').fill('10');
    if (method === 'majority_judgment') {
      await page.getByLabel('Règle d’adoption').selectOption('grade');
      await page.getByLabel('Mention minimale (pour la règle de mention)').fill('Bien');
    }
    for (const id of ids) await page.locator(`#candidate-${id}`).check();
    await page.getByRole('button', { name: 'Créer le scrutin' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('.facts')).toContainText('Ouvert');
    const round = Number(new URL(page.url()).pathname.split('/').pop());

    // Three members vote; the first changes their ballot (the form shows the old one first).
    const receipts: string[] = [];
    for (let v = 0; v < 3; v++) {
      receipts.push(await vote(voters[v], info, round, method, ids, plan.ballots[v], v === 0));
    }
    receipts[0] = await vote(voters[0], info, round, method, ids, plan.change);
    if (info.project.name === 'js' && method === 'borda') {
      // With JavaScript, buttons move a proposal up or down and renumber the ranking.
      const third = voters[2];
      await third.getByRole('button', { name: new RegExp(`^Monter : .*\\(n° ${ids[2]}\\)$`) }).click();
      await expect(third.locator(`select[name="ballot[${ids[0]}]"]`)).toHaveValue('1');
      await expect(third.locator(`select[name="ballot[${ids[2]}]"]`)).toHaveValue('2');
      await expect(third.locator(`select[name="ballot[${ids[1]}]"]`)).toHaveValue('3');
      // The rows move too, in the order of the numbers, and the button keeps the focus.
      const order = () => third.locator('.rank-list select').evaluateAll((s) => s.map((e) => e.getAttribute('name')));
      await expect.poll(order).toEqual([ids[0], ids[2], ids[1]].map((id) => `ballot[${id}]`));
      await expect(third.locator(`#up-${ids[2]}`)).toBeFocused();
      await third.locator(`#up-${ids[2]}`).click();
      await expect.poll(order).toEqual([ids[2], ids[0], ids[1]].map((id) => `ballot[${id}]`));
    }
    // A bad ballot is refused with the rule it breaks, and the stored one stays.
    if (method === 'cumulative') {
      await fillBallot(voters[1], method, ids, { 0: '8', 1: '8' });
      await voters[1].locator('form.ballot button[type=submit]').click();
      await expect(voters[1].getByRole('alert').first()).toContainText('dépense 16 sur un budget de 10');
    }

    // The organiser closes it; the results show candidate 0 first.
    await page.goto(`/rounds/${round}`);
    await settle(page, info);
    // Closing early cannot be undone: a second step says so first.
    await page.locator('summary', { hasText: 'Clore le scrutin maintenant' }).click();
    await expect(page.getByText('ne pourra pas être rouvert')).toBeVisible();
    await page.getByRole('button', { name: 'Oui, clore le scrutin maintenant' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Résultats');
    const first = page.locator('table.results:not(.pairwise) tbody tr').first();
    await expect(first).toContainText(`n° ${ids[0]}`);
    await expect(first.locator('td').nth(1)).toHaveText(plan.score);
    await expect(page.locator('.chart svg')).toBeVisible();
    if (method === 'majority_judgment') await expect(first).toContainText('Adoptée');
    await expect(page.getByText('3 votants · 3 bulletins comptés')).toBeVisible();
    if (n === 0) await expectAccessible(page);
    // On a 360 px phone the results never widen the page: tables and charts scroll in their
    // own boxes.
    const phone = await page.context().newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto(page.url());
    await settle(phone, info);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth), `${method} results at 360 px`)
      .toBeLessThanOrEqual(360);
    await phone.close();
    const official = JSON.parse((await page.locator('pre.tally').first().textContent())!);

    // Anyone downloads the ballots, finds their receipt, and re-counts with `convention tally`.
    const res = await page.request.get(`/rounds/${round}/ballots.json`);
    expect(res.ok()).toBeTruthy();
    expect(res.headers()['content-disposition']).toMatch(/^attachment/);
    const text = await res.text();
    const doc = JSON.parse(text);
    expect(doc.receipts).toHaveLength(3);
    for (const r of receipts) expect(doc.receipts).toContain(r);
    const file = path.join(dir, `${method}.json`);
    writeFileSync(file, text);
    const recount = JSON.parse(execFileSync(CONVENTION, ['tally', '--input', file], { encoding: 'utf8' }));
    expect(recount).toEqual(official);
  }
  for (const v of voters) await v.context().close();
});
