import { expect, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

// Messages with the training unit (issue 19): Inger Thomsen (Brønderslev) writes about her
// training; the unit's therapist answers from the inbox; she reads the answer. Both browser
// projects write to the same thread, so the test looks for its own words.

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

test('a citizen writes to the training unit, the unit answers, and she reads the answer', { tag: '@smoke' }, async ({ page, context }) => {
  const words = `Må jeg komme 10 minutter senere på onsdag? (${test.info().project.name})`;
  await signInAs(page, 'Inger Thomsen');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Beskeder' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beskeder' })).toBeVisible();
  await expect(page.getByText(/Du får svar inden for \d+ hverdage\./)).toBeVisible();
  await expectAccessible(page);

  // Sent without a subject: told at the field, the text kept.
  await page.getByLabel('Din besked').fill(words);
  await page.getByRole('button', { name: 'Send beskeden' }).click();
  await expect(page.getByRole('alert')).toContainText('Vælg, hvad beskeden handler om.');
  await expect(page.getByLabel('Din besked')).toHaveValue(words);
  await expectAccessible(page);

  await page.getByRole('radio', { name: 'Min træning' }).check();
  await page.getByRole('button', { name: 'Send beskeden' }).click();
  await expect(page.getByRole('status')).toContainText('Beskeden er sendt.');
  const thread = page.getByRole('region', { name: 'Min træning' });
  await expect(thread).toContainText(words);
  await expect(thread).toContainText(/Venter på svar\. Du får svar senest /);
  await expectAccessible(page);

  // The unit answers.
  await context.clearCookies();
  await signInAs(page, 'Kasper Vestergaard');
  await page.goto('/personale/beskeder');
  await expect(page.getByRole('heading', { level: 1, name: 'Beskeder fra borgere' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Inger Thomsen – Min træning' }).click();
  await expect(page.getByText(words)).toBeVisible();
  const answer = `Ja, det er fint. (${test.info().project.name})`;
  await page.getByLabel('Dit svar').fill(answer);
  await page.getByRole('button', { name: 'Send svaret' }).click();
  await expect(page.getByRole('status')).toContainText('Svaret er sendt.');
  await expectAccessible(page);

  // She reads it.
  await context.clearCookies();
  await signInAs(page, 'Inger Thomsen');
  await page.goto('/beskeder');
  await expect(page.getByRole('region', { name: 'Min træning' })).toContainText(answer);
  await expectAccessible(page);
});
