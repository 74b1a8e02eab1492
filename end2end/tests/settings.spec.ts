import { expect, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

// Samsø's administrator sets the three July weeks the standard leaves to each year (SAM-21),
// with JavaScript on (for 2026, the coming summer) and off (for 2027). The portal's clock starts
// at Wednesday 4 March 2026.
const jsOn = () => test.info().project.name === 'javascript-on';

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

test("an administrator sets Samsø's July weeks, and a wrong count is explained", async ({ page }) => {
  const year = jsOn() ? '2026' : '2027';
  await signInAs(page, 'Mona Bak');
  if (jsOn()) {
    await expect(page.getByRole('region', { name: 'Indstillinger mangler' })).toContainText('SAM-21');
    await expectAccessible(page);
  }
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Indstillinger', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Indstillinger – Samsø/ })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('3 uger i juli');
  await expectAccessible(page);
  await page.getByLabel('År').fill(year);
  await page.getByLabel(/^Ugenumre/).fill('28, 29');
  await page.getByRole('button', { name: 'Gem lukkeugerne' }).click();
  await expect(page.getByRole('alert')).toContainText('Skriv præcis så mange uger, som kvalitetsstandarden siger.');
  await expectAccessible(page);
  await page.getByLabel('År').fill(year);
  await page.getByLabel(/^Ugenumre/).fill('28, 29, 30');
  await page.getByRole('button', { name: 'Gem lukkeugerne' }).click();
  await expect(page.getByRole('status')).toContainText('Ændringen er gemt og gælder nu.');
  await expect(page.getByRole('region', { name: 'Ændringer' })).toContainText(`SAM-21 ${year}: 28,29,30 (Mona Bak)`);
  await expectAccessible(page);
  if (jsOn()) {
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Personale', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Indstillinger mangler' })).toHaveCount(0);
  }
});
