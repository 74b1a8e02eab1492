import { expect, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

// The portal's clock starts at Wednesday 4 March 2026. Henrik (Fredensborg) has team training on
// Thursdays at 13:00; Fredensborg's deadline is before 09:00 the same day (FRB-15). No other
// browser test changes his course or sessions.

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

test('a citizen sees each deadline, cancels through a confirmation page, and books the free place again', { tag: '@smoke' }, async ({ page }) => {
  // Both browser projects share the database: each uses its own session.
  const nth = test.info().project.name === 'javascript-on' ? 0 : 1;
  await signInAs(page, 'Henrik Larsen');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Træning' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Træning' })).toBeVisible();
  const mine = page.getByRole('region', { name: 'Dine tider' });
  await expect(mine).toContainText('Afmeld inden torsdag 5. marts 2026 kl. 09.00');
  await expectAccessible(page);

  const cancel = mine.getByRole('link', { name: /^Afmeld / }).nth(nth);
  const href = (await cancel.getAttribute('href'))!;
  const session = href.split('/').pop()!;
  await cancel.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Afmeld tid' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Afmeld inden');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Afmeld tiden' }).click();
  await expect(page.getByRole('status')).toContainText('Afbuddet er modtaget i god tid.');
  await expect(page.locator(`a[href="${href}"]`)).toHaveCount(0);
  await expectAccessible(page);

  // The place is free again, and she takes it back.
  const book = page.locator(`form:has(input[name=session][value="${session}"])`).getByRole('button', { name: /^Book / });
  await book.click();
  await expect(page.getByRole('status')).toContainText('Tiden er booket');
  await expect(page.locator(`a[href="${href}"]`)).toHaveCount(1);
  await expectAccessible(page);
});
