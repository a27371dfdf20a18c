import { expect, test, TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, register, settle, uniqueName } from './helpers';

test('a citizen downloads their data, then deletes their account; their comment stays, signed "compte supprimé"', async ({ page }, info: TestInfo) => {
  const username = uniqueName('rgpd', info);
  const password = 'une phrase de passe assez longue';
  await register(page, info, username, 'Claire Effacée', password);

  // A comment, to see what remains of it.
  const body = `Avis de ${username} avant suppression.`;
  await page.goto('/topics/culture');
  await settle(page, info);
  await page.getByLabel('Votre commentaire').last().fill(body);
  await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  await settle(page, info);
  await expect(page.locator('.comment').filter({ hasText: body })).toBeVisible();

  await page.goto('/account');
  await settle(page, info);
  await expectAccessible(page);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Télécharger tout ce que la plateforme sait de moi/ }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync((await file.path())!, 'utf8'));
  expect(data.data.profile.username).toBe(username);
  expect(data.data.comments.map((c: { body: string }) => c.body)).toContain(body);
  expect(JSON.stringify(data)).not.toContain('argon2');

  await page.getByLabel('Mot de passe, pour confirmer').fill('pas le bon');
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await expect(page.getByRole('alert')).toContainText('mot de passe');
  await page.getByLabel('Mot de passe, pour confirmer').fill(password);
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();

  await page.goto('/topics/culture');
  await settle(page, info);
  const comment = page.locator('article, li').filter({ hasText: body }).last();
  await expect(comment).toContainText('compte supprimé');
  await expect(page.getByText('Claire Effacée')).toHaveCount(0);

  // The login is gone.
  await page.goto('/login');
  await settle(page, info);
  await page.getByLabel('Nom d’utilisateur').fill(username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
});
