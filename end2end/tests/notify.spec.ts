import { expect, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

// "Sådan får du besked" (issue 19): a relative chooses SMS for themself. A number with too few
// digits is told at its field with what was typed kept; the right one is saved and shown masked.
// The test ends by choosing email again, so both browser projects start alike.

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

test('a relative chooses text messages, a wrong number is told at its field, and the number is shown masked', { tag: '@smoke' }, async ({ page }) => {
  await signInAs(page, 'Bo Nielsen');
  await page.goto('/besked');
  await expect(page.getByRole('heading', { level: 1, name: 'Sådan får du besked' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('På både e-mail og sms').check();
  await page.getByLabel('Mobilnummer', { exact: true }).fill('20 12 34');
  await page.getByRole('button', { name: 'Gem' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Et dansk mobilnummer har 8 cifre');
  await expect(page.getByLabel('Mobilnummer', { exact: true })).toHaveValue('20 12 34');
  await expect(page.getByLabel('På både e-mail og sms')).toBeChecked();
  await expectAccessible(page);

  await page.getByLabel('Mobilnummer', { exact: true }).fill('20 12 34 99');
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByRole('status')).toContainText('Dit valg er gemt.');
  await expect(page.getByText('Dit nummer nu: +45 •• •• •• 99.')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('20123499');
  await expectAccessible(page);

  await page.getByLabel('På e-mail', { exact: true }).check();
  await page.getByLabel('Slet mit mobilnummer').check();
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByRole('status')).toContainText('Dit valg er gemt.');
  await expect(page.getByText(/Dit nummer nu/)).toHaveCount(0);
});
