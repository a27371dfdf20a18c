import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, login, settle, uniqueName, register } from './helpers';

const TOPICS = [
  'Éducation',
  'Culture',
  'Transition écologique',
  'Emploi',
  'Lutte contre la désinformation',
];

test('the home page shows the question and the five topics', async ({ page }, info) => {
  await page.goto('/');
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('intelligence artificielle');
  for (const topic of TOPICS) {
    await expect(page.getByRole('link', { name: topic, exact: true })).toBeVisible();
  }
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Emploi', exact: true }).click();
  await expect(page).toHaveURL(/\/topics\/emploi$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Emploi');
  await expectAccessible(page);
});

test('register, log out, log in, change password, log in again', async ({ page }, info) => {
  const username = uniqueName('camille', info);
  const first = 'ma première phrase secrète';
  const second = 'ma seconde phrase secrète';

  await page.goto('/register');
  await settle(page, info);
  await expectAccessible(page);
  await page.getByLabel('Nom d’utilisateur').fill(username);
  await page.getByLabel('Nom affiché').fill('Camille Dupont');
  await page.getByLabel('Mot de passe').fill(first);
  const js = info.project.name === 'js';
  // With or without JavaScript the browser posts the form and follows the redirect (only a
  // page's islands are hydrated, forms stay plain): a mark left on the window is gone.
  if (js) await page.evaluate(() => ((window as any).__samePage = true));
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('link', { name: 'Mon compte' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Éducation', exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__samePage === true).catch(() => false)).toBe(false);

  await page.getByRole('link', { name: 'Mon compte' }).click();
  await expect(page.getByRole('heading', { name: 'Mon compte' })).toBeVisible();
  await expect(page.getByText('Camille Dupont')).toBeVisible();
  await settle(page, info);
  await expectAccessible(page);

  // A wrong current password is refused with a message.
  await page.getByLabel('Mot de passe actuel').fill('pas le bon mot de passe');
  await page.getByLabel('Nouveau mot de passe').fill(second);
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.getByRole('alert')).toHaveText('Le mot de passe actuel est incorrect.');

  await page.getByLabel('Mot de passe actuel').fill(first);
  await page.getByLabel('Nouveau mot de passe').fill(second);
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.getByRole('status')).toContainText('Votre mot de passe a été changé');

  await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Se connecter' })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);

  // The old password no longer works; the new one does.
  await page.goto('/login');
  await settle(page, info);
  await expectAccessible(page);
  await page.getByLabel('Nom d’utilisateur').fill(username);
  await page.getByLabel('Mot de passe').fill(first);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Nom d’utilisateur ou mot de passe incorrect.');

  await login(page, info, username.toUpperCase(), second);
  for (const topic of TOPICS) {
    await expect(page.getByRole('link', { name: topic, exact: true })).toBeVisible();
  }
});

test('registration errors are explained', async ({ page }, info) => {
  await page.goto('/register');
  await settle(page, info);
  await page.getByLabel('Nom d’utilisateur').fill('ab');
  await page.getByLabel('Nom affiché').fill('Trop court');
  await page.getByLabel('Mot de passe').fill('une phrase assez longue');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('alert')).toContainText('de 3 à 32 caractères');
  await expectAccessible(page);
});

test('an organiser manages roles on /admin/users', async ({ page }, info) => {
  const username = uniqueName('promu', info);
  await register(page, info, username, 'Personne promue', 'une phrase assez longue');

  // A citizen is refused.
  await page.goto('/admin/users');
  await expect(page.getByRole('alert')).toContainText('Votre rôle ne permet pas cette action.');
  await page.context().clearCookies();

  await login(page, info, 'organisation', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'Comptes et rôles' }).click();
  await expect(page.getByRole('heading', { name: 'Comptes et rôles' })).toBeVisible();
  await settle(page, info);
  await expectAccessible(page);
  const row = page.getByRole('row').filter({ hasText: username });
  // The third cell states the role (the select's options name every role, so the row as a
  // whole would always contain them).
  const roleCell = row.getByRole('cell').nth(2);
  await expect(roleCell).toHaveText('Citoyen·ne');
  await row.getByRole('combobox').selectOption('member');
  await row.getByRole('button', { name: 'Changer le rôle' }).click();
  await expect(roleCell).toHaveText('Membre tiré·e au sort');
});

test('the language can be switched to English and back', async ({ page }, info) => {
  await page.goto('/login');
  await settle(page, info);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await settle(page, info);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se connecter');
});
