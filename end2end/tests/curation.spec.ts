import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, login, settle, uniqueName, register } from './helpers';

test('a moderator creates a pre-moderated topic; a proposal there waits for approval', async ({ page }, info) => {
  const slug = `ia-sante-${info.project.name}-${Date.now().toString(36)}`;
  const title = `Santé ${info.project.name} ${Date.now()}`;
  const proposal = `Un registre public des algorithmes hospitaliers ${info.project.name} ${Date.now()}`;

  await login(page, info, 'moderation', DEMO_PASSWORD);
  await page.goto('/curation/new');
  await settle(page, info);
  await expectAccessible(page);
  // A bad address is answered with a message, and nothing is created.
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Adresse').fill('Santé publique');
  await page.getByRole('button', { name: 'Créer le thème' }).click();
  await expect(page.getByRole('alert').first()).toContainText('L’adresse du thème');
  await page.goto('/curation/new');
  await settle(page, info);
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Adresse').fill(slug);
  await page.getByLabel('Description').fill('L’IA à l’**hôpital** : diagnostic, tri, dossiers.');
  await page.getByLabel('Question posée (facultative)').fill('Quels usages accepter à l’hôpital ?');
  await page.getByLabel(/Pré-modération/).check();
  await page.getByRole('button', { name: 'Créer le thème' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('Quels usages accepter à l’hôpital ?')).toBeVisible();
  await expect(page.locator('.lead strong')).toHaveText('hôpital');
  await expect(page.getByText(/sont relues par la modération/)).toBeVisible();

  // A citizen proposes there: the proposal waits, marked for its author only.
  await page.context().clearCookies();
  await register(page, info, uniqueName('sante', info), 'Infirmière curieuse', 'une phrase de passe solide');
  await page.goto(`/topics/${slug}/new`);
  await settle(page, info);
  await page.getByLabel('Titre').fill(proposal);
  await page.getByLabel('Résumé').fill('Chaque outil utilisé à l’hôpital est décrit publiquement.');
  await page.getByRole('button', { name: 'Publier' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(proposal);
  await expect(page.locator('.badge.pending')).toBeVisible();
  await page.context().clearCookies();
  await page.goto(`/topics/${slug}`);
  await settle(page, info);
  await expect(page.getByText(proposal)).toHaveCount(0);

  // The moderator approves it from the queue; then everyone sees it.
  await login(page, info, 'moderation', DEMO_PASSWORD);
  await page.goto('/moderation');
  await settle(page, info);
  const item = page.locator('.queue .card').filter({ hasText: proposal });
  await expect(item).toContainText('En attente');
  await item.getByRole('button', { name: 'Approuver' }).click();
  await expect(page.locator('.queue .card').filter({ hasText: proposal })).toHaveCount(0);
  await page.context().clearCookies();
  await page.goto(`/topics/${slug}`);
  await settle(page, info);
  await expect(page.getByRole('link', { name: proposal })).toBeVisible();

  // Pinned, it comes first on the home page.
  await login(page, info, 'moderation', DEMO_PASSWORD);
  await page.goto('/curation');
  await settle(page, info);
  await expectAccessible(page);
  const row = page.locator('.curation .card').filter({ hasText: title });
  await row.getByRole('button', { name: 'Épingler' }).click();
  await expect(page.locator('.curation .card').filter({ hasText: title })).toContainText('Épinglé');
  await page.goto('/');
  await settle(page, info);
  await expect(page.locator('.topic-card h3').first()).toHaveText(title);
  // Unpinned again, so that the other project's run starts from the same home page.
  await page.goto('/curation');
  await settle(page, info);
  await page.locator('.curation .card').filter({ hasText: title }).getByRole('button', { name: 'Désépingler' }).click();
  await expect(page.locator('.curation .card').filter({ hasText: title })).not.toContainText('Épinglé');
});
