import { expect, Page, test } from '@playwright/test';
import { DEMO_PASSWORD, login, register, settle, uniqueName } from './helpers';

// A form the server refuses comes back with its error and every field as typed (passwords
// excepted), at the page's own address: with JavaScript the form simply stays, without it the
// server keeps the submission for the page it sends the browser back to.

async function expectRefusedAtCleanAddress(page: Page, path: string) {
  await expect(page.locator('.form-error[role=alert]').first()).toBeVisible();
  const url = new URL(page.url());
  expect(url.pathname).toBe(path);
  expect(url.search, 'no error left in the address').not.toContain('__err');
}

/** The refusal is said again under the field it is about, which is marked invalid and names
 * that message as its description (`fieldId` of a group of boxes has no single input). */
async function expectErrorUnder(page: Page, fieldId: string) {
  await expect(page.locator(`#${fieldId}-error`)).toBeVisible();
  const field = page.locator(`#${fieldId}`);
  if ((await field.count()) > 0) {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAttribute('aria-describedby', new RegExp(`${fieldId}-error`));
  }
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount((await field.count()) > 0 ? 1 : 0);
}

test('a refused registration keeps the name, the display name and the choice', async ({ page }, info) => {
  await page.goto('/register');
  await settle(page, info);
  await page.getByLabel('Nom d’utilisateur').fill('ab');
  await page.getByLabel('Nom affiché').fill('Camille « Test » & co <b>');
  await page.getByLabel('Mot de passe').fill('court');
  await page.getByLabel(/Publier mon nom/).check();
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expectRefusedAtCleanAddress(page, '/register');
  await expectErrorUnder(page, 'username');
  await expect(page.getByLabel('Nom d’utilisateur')).toHaveValue('ab');
  await expect(page.getByLabel('Nom affiché')).toHaveValue('Camille « Test » & co <b>');
  // The server never keeps a password (with JavaScript the page is simply not reloaded).
  if (info.project.name === 'nojs') await expect(page.getByLabel('Mot de passe')).toHaveValue('');
  await expect(page.getByLabel(/Publier mon nom/)).toBeChecked();
  // Loaded again, the page is clean: the kept form was for one load only.
  await page.reload();
  await settle(page, info);
  await expect(page.locator('.form-error')).toHaveCount(0);
  await expect(page.getByLabel('Nom d’utilisateur')).toHaveValue('');
});

test('a refused sign-in keeps the username', async ({ page }, info) => {
  await page.goto('/login');
  await settle(page, info);
  await page.getByLabel('Nom d’utilisateur').fill('personne-inconnue');
  await page.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon-mot-de-passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectRefusedAtCleanAddress(page, '/login');
  await expect(page.getByLabel('Nom d’utilisateur')).toHaveValue('personne-inconnue');
  if (info.project.name === 'nojs') {
    await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveValue('');
  }
});

test('a refused proposal keeps its title and text', async ({ page }, info) => {
  await register(page, info, uniqueName('formes', info), 'Formes', 'formes-mot-de-passe-2026');
  await page.goto('/topics/education/new');
  await settle(page, info);
  await page.getByLabel('Titre').fill('Un atelier « IA » & école');
  await page.getByLabel('Texte de la proposition').fill('Première ligne\n<script>pas exécuté</script> & la suite');
  // The summary is left empty: the server refuses.
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expectRefusedAtCleanAddress(page, '/topics/education/new');
  await expectErrorUnder(page, 'summary');
  await expect(page.getByLabel('Titre')).toHaveValue('Un atelier « IA » & école');
  await expect(page.getByLabel('Texte de la proposition'))
    .toHaveValue('Première ligne\n<script>pas exécuté</script> & la suite');
  await expect(page.getByLabel('Résumé')).toHaveValue('');
});

test('a refused round keeps its title, method and chosen proposals', async ({ page }, info) => {
  await login(page, info, 'organisation', DEMO_PASSWORD);
  await page.goto('/rounds/new');
  await settle(page, info);
  await page.getByLabel('Titre').fill('Scrutin refusé');
  await page.getByLabel('Méthode').selectOption('schulze');
  const first = page.locator('.candidates input[type=checkbox]').first();
  await first.check();
  const firstId = await first.getAttribute('id');
  // One proposal is not a choice: the server refuses.
  await page.getByRole('button', { name: 'Créer le scrutin' }).click();
  await expectRefusedAtCleanAddress(page, '/rounds/new');
  await expectErrorUnder(page, 'round-candidates');
  await expect(page.getByLabel('Titre')).toHaveValue('Scrutin refusé');
  await expect(page.getByLabel('Méthode')).toHaveValue('schulze');
  await expect(page.locator(`#${firstId}`)).toBeChecked();
  await expect(page.locator('.candidates input[type=checkbox]:checked')).toHaveCount(1);
});

test('a report says it was sent, and withdrawing asks first', async ({ page }, info) => {
  await register(page, info, uniqueName('retrait', info), 'Retrait', 'retrait-mot-de-passe-2026');
  await page.goto('/topics/culture/new');
  await settle(page, info);
  const title = `À retirer ${info.project.name} ${Date.now().toString(36)}`;
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Résumé').fill('Une proposition écrite pour être retirée.');
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await settle(page, info);

  // The first button only opens the step that says what will happen.
  await page.locator('summary', { hasText: 'Retirer la proposition' }).click();
  await expect(page.getByText('ne pourra pas être remise')).toBeVisible();
  await expect(page.locator('dd', { hasText: 'Retirée' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Oui, la retirer' }).click();
  await expect(page.locator('dd', { hasText: 'Retirée' })).toBeVisible();

  // Reporting someone else's proposal: the page says the report went, on that item only.
  await page.goto('/topics/education');
  await settle(page, info);
  await page.locator('li.card a').first().click();
  await settle(page, info);
  const report = page.locator('details.report').first();
  await report.locator('summary').click();
  await report.getByLabel('Motif du signalement').selectOption({ index: 1 });
  await report.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'signalement a été transmis' })).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: 'signalement a été transmis' })).toBeVisible();
  expect(page.url()).not.toContain('__');
});

test('an organiser opens a round early, cancels it, then deletes it', async ({ page, browser }, info) => {
  await login(page, info, 'organisation', DEMO_PASSWORD);
  await page.goto('/rounds/new');
  await settle(page, info);
  const title = `Essai annulé ${info.project.name} ${Date.now().toString(36)}`;
  await page.getByLabel('Titre').fill(title);
  const local = (days: number) => {
    const d = new Date(Date.now() + days * 86_400_000);
    return d.toISOString().slice(0, 16);
  };
  await page.getByLabel('Ouverture (heure de Paris)').fill(local(1));
  await page.getByLabel('Clôture (heure de Paris)').fill(local(2));
  const boxes = page.locator('.candidates input[type=checkbox]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Créer le scrutin' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await settle(page, info);
  const status = page.locator('dl.facts .badge');
  await expect(status).toHaveText('À venir');
  const roundUrl = new URL(page.url()).pathname;

  await page.locator('summary', { hasText: 'Ouvrir le scrutin maintenant' }).click();
  await page.getByRole('button', { name: 'Oui, l’ouvrir maintenant' }).click();
  await expect(status).toHaveText('Ouvert');

  await page.locator('summary', { hasText: 'Annuler le scrutin' }).click();
  await expect(page.getByText('Personne n’a encore voté')).toBeVisible();
  await page.getByRole('button', { name: 'Oui, annuler le scrutin' }).click();
  await expect(status).toHaveText('Annulé');
  await expect(page.getByText('Ce scrutin a été annulé')).toBeVisible();

  // The public no longer sees it.
  const visitor = await browser.newContext({ javaScriptEnabled: info.project.name === 'js', locale: 'fr-FR' });
  const other = await visitor.newPage();
  const answer = await other.goto(roundUrl);
  expect(answer?.status()).toBe(404);
  await other.goto('/rounds');
  await expect(other.getByText(title)).toHaveCount(0);
  await visitor.close();

  await page.locator('summary', { hasText: 'Supprimer le scrutin' }).click();
  await page.getByRole('button', { name: 'Oui, le supprimer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Le scrutin a été supprimé.' })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
});

test('a refused password change says which field is wrong', async ({ page }, info) => {
  const password = 'changement-mot-de-passe-2026';
  await register(page, info, uniqueName('changement', info), 'Changement', password);
  await page.goto('/account');
  await settle(page, info);
  await page.getByLabel('Mot de passe actuel').fill('pas-le-mot-de-passe-actuel');
  await page.getByLabel('Nouveau mot de passe').fill('un-nouveau-mot-de-passe-2026');
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expectRefusedAtCleanAddress(page, '/account');
  await expectErrorUnder(page, 'current_password');
  // Still signed in with the old password: nothing was changed.
  await expect(page.getByRole('link', { name: 'Mon compte' })).toBeVisible();
});

test('a refused topic keeps its title, address and description', async ({ page }, info) => {
  await login(page, info, 'moderation', DEMO_PASSWORD);
  await page.goto('/curation/new');
  await settle(page, info);
  await page.getByLabel('Titre').fill('Un thème « refusé »');
  await page.getByLabel('Adresse').fill('Pas Une Adresse!');
  await page.getByLabel('Description').fill('Une description & des <balises>.');
  await page.getByRole('button', { name: 'Créer le thème' }).click();
  await expectRefusedAtCleanAddress(page, '/curation/new');
  await expectErrorUnder(page, 'slug');
  await expect(page.getByLabel('Titre')).toHaveValue('Un thème « refusé »');
  await expect(page.getByLabel('Adresse')).toHaveValue('Pas Une Adresse!');
  await expect(page.getByLabel('Description')).toHaveValue('Une description & des <balises>.');
});
