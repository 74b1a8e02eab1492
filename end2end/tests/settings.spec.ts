import { expect, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

// Samsø's administrator sets the three July weeks the standard leaves to each year (SAM-21),
// with JavaScript on (for 2026, the coming summer) and off (for 2027). The portal's clock starts
// at Wednesday 4 March 2026.
const jsOn = () => test.info().project.name === 'javascript-on';

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

test("an administrator sets Samsø's July weeks, and a wrong count is explained", { tag: '@smoke' }, async ({ page }) => {
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

test("an administrator changes the phone hours for a while, and the citizen is told", async ({ page }) => {
  const [from, to, closed] = jsOn() ? ['9.3.2026', '10.3.2026', true] : ['12.3.2026', '12.3.2026', false];
  await signInAs(page, 'Lars Krog');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Indstillinger', exact: true }).click();
  const section = page.getByRole('region', { name: /^Telefontid – Visitationen/ });
  await expect(section).toContainText('Normalt: Mandag–torsdag kl. 8.00–9.00 og 10.00–14.00');
  await expectAccessible(page);
  // Neither closed, nor hours, nor as usual: explained at the field.
  await section.getByLabel('Første dag').fill(from);
  await section.getByLabel('Sidste dag').fill(to);
  await section.getByRole('button', { name: 'Gem de ændrede telefontider' }).click();
  await expect(page.getByRole('alert')).toContainText('Vælg lukket, åben i et tidsrum, eller som normalt.');
  await expectAccessible(page);
  const again = page.getByRole('region', { name: /^Telefontid – Visitationen/ });
  await again.getByLabel('Første dag').fill(from);
  await again.getByLabel('Sidste dag').fill(to);
  if (closed) {
    await again.getByLabel('Telefonen er lukket hele perioden').check();
  } else {
    await again.getByLabel('Åben kun i et tidsrum').check();
    await again.getByLabel('Åbner kl.').fill('10.00');
    await again.getByLabel('Lukker kl.').fill('12.00');
  }
  await again.getByLabel(/^Besked til borgerne/).fill('Ring til Borgerservice.');
  await again.getByRole('button', { name: 'Gem de ændrede telefontider' }).click();
  await expect(page.getByRole('status')).toContainText('Ændringen er gemt og gælder nu.');
  await expect(page.getByRole('region', { name: 'Ændringer' })).toContainText('BRS-08');
  await expectAccessible(page);

  await page.context().clearCookies();
  await signInAs(page, 'Inger Thomsen');
  // The nearest change is announced (both projects share the database: the first one's).
  await expect(page.getByRole('main')).toContainText(jsOn()
    ? 'Ændrede telefontider mandag 9. marts 2026 – tirsdag 10. marts 2026: lukket. Ring til Borgerservice.'
    : 'Ændrede telefontider');
  await expectAccessible(page);
});
