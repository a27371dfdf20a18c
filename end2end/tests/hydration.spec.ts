import { expect, test } from '@playwright/test';
import { settle } from './helpers';

// Run by the JavaScript project only (see playwright.config.ts): it is about the WASM.
test('the page hydrates and reacts to typing', async ({ page }, info) => {
  await page.goto('/register');
  await settle(page, info);
  const counter = page.locator('#password-count');
  // The server renders the counter empty; only the hydrated page fills it.
  await expect(counter).toHaveText('0 caractère saisi');
  await page.getByLabel('Mot de passe').pressSequentially('abcde');
  await expect(counter).toHaveText('5 caractères saisis');
});
