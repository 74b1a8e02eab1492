import { expect, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

// The service-level report, with JavaScript on and off: a table per kind of case, a chart with a
// text alternative, a period to choose and the same as CSV.
test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

test('staff read whether the municipality keeps its own clocks', { tag: '@smoke' }, async ({ page }) => {
  await signInAs(page, 'Birgitte Dahl');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Servicemål', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overholder vi vores servicemål?' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Brønderslev Kommune');
  await expect(page.getByRole('link', { name: 'Hent rapporten som CSV-fil' })).toHaveAttribute('href', /\/personale\/rapport\.csv\?fra=2026-01-01&til=2026-03-04/);
  await expectAccessible(page);
  await page.getByLabel('Fra og med').fill('2026-02-01');
  await page.getByLabel('Til og med').fill('2026-03-04');
  await page.getByRole('button', { name: 'Vis perioden' }).click();
  await expect(page.getByRole('main')).toContainText('fra søndag 1. februar 2026 til onsdag 4. marts 2026');
  await expectAccessible(page);
});
