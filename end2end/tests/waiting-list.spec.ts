import { expect, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

// The demo has one full session for the waiting list: in Mariagerfjord, the Friday after Grethe
// Nielsen's eight booked ones, its one place taken by a neighbour (issue 19). No other browser
// test joins its list. Both browser projects share the database, so her number may be 1 or 2.

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

test('a citizen joins the waiting list of a full session, sees her number, and leaves it', { tag: '@smoke' }, async ({ page }) => {
  await signInAs(page, 'Grethe Nielsen');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Træning' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Træning' })).toBeVisible();
  const list = page.getByRole('region', { name: 'Venteliste' });
  await expect(list.getByRole('heading', { name: 'Fuldt bookede tider' })).toBeVisible();
  await expect(list).toContainText('Holdet er fuldt');
  await expect(list).toContainText('Pladsen bliver holdt til kl. 18.00');
  await expectAccessible(page);

  await list.getByRole('button', { name: /^Skriv mig på venteliste / }).first().click();
  await expect(page.getByRole('status')).toContainText('Du er skrevet på ventelisten.');
  const mine = page.getByRole('region', { name: 'Venteliste' });
  await expect(mine).toContainText(/Du er nummer [12] på ventelisten\./);
  await expectAccessible(page);

  await mine.getByRole('button', { name: /^Forlad ventelisten / }).first().click();
  await expect(page.getByRole('status')).toContainText('Du er taget af ventelisten.');
  await expect(page.getByRole('region', { name: 'Venteliste' }).getByRole('button', { name: /^Skriv mig på venteliste / }).first()).toBeVisible();
  await expectAccessible(page);
});

test('staff give a session more places; too few or not a number is told at the field', async ({ page }) => {
  // Fredensborg's Thursday 9 April session, which no other test uses. Each project sets its own
  // number (10 with JavaScript, 11 without), so each sees its own change whatever the order.
  const wanted = test.info().project.name === 'javascript-on' ? '10' : '11';
  await signInAs(page, 'Camilla Friis');
  await page.getByRole('link', { name: 'torsdag 9. april 2026 kl. 13.00' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Holdtræning' })).toBeVisible();
  const places = page.getByRole('region', { name: 'Antal pladser' });
  await expect(places.getByLabel('Pladser på holdet')).toBeVisible();
  await expectAccessible(page);

  await places.getByLabel('Pladser på holdet').fill('nul');
  await places.getByRole('button', { name: 'Gem antal pladser' }).click();
  await expect(page.getByRole('alert')).toContainText('Skriv antal pladser som et tal fra 1 til 50.');
  await expect(page.getByRole('region', { name: 'Antal pladser' }).getByLabel('Pladser på holdet')).toHaveValue('nul');
  await expectAccessible(page);

  await page.getByRole('region', { name: 'Antal pladser' }).getByLabel('Pladser på holdet').fill(wanted);
  await page.getByRole('region', { name: 'Antal pladser' }).getByRole('button', { name: 'Gem antal pladser' }).click();
  await expect(page.getByRole('status')).toContainText('Antallet af pladser er ændret.');
  await expect(page.getByRole('main')).toContainText(new RegExp(`Tilmeldte: \\d+ / ${wanted}`));
  await expectAccessible(page);
});
