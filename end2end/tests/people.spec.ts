import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, login, register, settle, uniqueName } from './helpers';

// A moderator acts on a person from their moderation page (state, history, suspend, reinstate),
// and a suspended person, signing in, is told until when and why, and may appeal once.

test('a moderator suspends from a person’s page; the person is told why and appeals', async ({ page, browser }, info) => {
  const username = uniqueName('suspendu', info);
  const password = 'suspendu-mot-de-passe-2026';
  const context = await browser.newContext({
    javaScriptEnabled: info.project.name === 'js',
    locale: 'fr-FR',
    baseURL: info.project.use.baseURL,
  });
  const person = await context.newPage();
  await register(person, info, username, 'Personne suspendue', password);
  const me = await (await person.request.get('/account/data.json')).json();
  const id: number = me.data.profile.id;

  const moderator = page;
  await login(moderator, info, 'moderation', DEMO_PASSWORD);
  await moderator.goto(`/moderation/people/${id}`);
  await settle(moderator, info);
  await expect(moderator.getByRole('heading', { level: 1 })).toContainText(username);
  await expect(moderator.getByText('Participe normalement')).toBeVisible();
  await expectAccessible(moderator);
  await moderator.getByText('Suspendre ou bannir cette personne').click();
  await moderator.getByLabel('Durée').selectOption('30');
  await moderator.getByLabel(/Motif/).fill('Messages injurieux répétés');
  await moderator.getByRole('button', { name: 'Suspendre', exact: true }).click();
  // Back on the same page, which now says so.
  await expect(moderator).toHaveURL(new RegExp(`/moderation/people/${id}$`));
  await settle(moderator, info);
  await expect(moderator.getByText('Messages injurieux répétés').first()).toBeVisible();
  await expect(moderator.getByRole('button', { name: 'Rétablir' })).toBeVisible();

  // Signed out at once; signing in says until when and why, and offers the appeal.
  await person.goto('/login');
  await settle(person, info);
  const signIn = person.locator('form').filter({ has: person.getByRole('button', { name: 'Se connecter' }) });
  await signIn.getByLabel('Nom d’utilisateur').fill(username);
  await signIn.getByLabel('Mot de passe').fill(password);
  await signIn.getByRole('button', { name: 'Se connecter' }).click();
  await expect(person.locator('.form-error[role=alert]').first()).toContainText('suspendu jusqu’au');
  await expect(person.getByText('Messages injurieux répétés')).toBeVisible();
  const appeal = person.locator('section.appeal');
  await expect(appeal.getByRole('heading', { name: 'Contester cette décision' })).toBeVisible();
  await expectAccessible(person);
  await appeal.getByLabel('Nom d’utilisateur').fill(username);
  await appeal.getByLabel('Mot de passe').fill(password);
  await appeal.getByLabel('Votre demande').fill('Je n’ai insulté personne : relisez mon message.');
  await appeal.getByRole('button', { name: 'Envoyer ma contestation' }).click();
  await expect(appeal.getByRole('status')).toContainText('transmise à la modération');

  // The moderator reads the appeal in the history, and lifts the suspension.
  await moderator.reload();
  await settle(moderator, info);
  await expect(moderator.getByText('Contestation d’une suspension')).toBeVisible();
  await expect(moderator.getByText('Je n’ai insulté personne : relisez mon message.')).toBeVisible();
  await moderator.getByRole('button', { name: 'Rétablir' }).click();
  await expect(moderator.getByText('Participe normalement')).toBeVisible();
  await login(person, info, username, password);
  await context.close();
});
