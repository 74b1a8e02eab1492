import { expect, Page, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

// The task list, with JavaScript on and off. Fredensborg cancels a session Henrik is booked on;
// within seconds the job puts "offer another session" (FRB-12) on the municipality's list. The
// caseworker takes the task, and closes it with a note of what was done (not without one). Both
// projects share the database, so each cancels its own session: 16 and 23 April, which no other
// test uses. The portal's clock starts at Wednesday 4 March 2026.
const jsOn = () => test.info().project.name === 'javascript-on';

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

async function nav(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name, exact: true }).click();
}

test('a cancellation becomes a task the caseworker takes and closes with a note', { tag: '@smoke' }, async ({ page }) => {
  test.slow();
  const day = jsOn() ? 'torsdag 16. april 2026 kl. 13.00' : 'torsdag 23. april 2026 kl. 13.00';
  await signInAs(page, 'Camilla Friis');
  await page.getByRole('link', { name: day }).first().click();
  await expect(page.getByRole('main')).toContainText('Henrik Larsen');
  await expect(page.getByRole('main')).toContainText('kommunen skal tilbyde dem et alternativ');
  await page.getByRole('button', { name: 'Aflys holdet' }).click();
  await expect(page.getByRole('main')).toContainText('Holdet er aflyst.');

  await nav(page, 'Opgaver');
  await expect(page.getByRole('heading', { level: 1, name: /^Opgaver – Fredensborg/ })).toBeVisible();
  // The job raises tasks every few seconds here (every minute by default).
  const task = page.getByRole('listitem').filter({ hasText: day }).filter({ hasText: 'Tilbyd et andet hold efter aflysning (FRB-12)' });
  await expect(async () => {
    await page.reload();
    await expect(task).toHaveCount(1);
  }).toPass({ timeout: 20_000 });
  await expect(task).toContainText('Henrik Larsen');
  await expect(task).toContainText('Ingen endnu');
  await expectAccessible(page);

  await task.getByRole('button', { name: 'Tag opgaven' }).click();
  await expect(page.getByRole('status')).toContainText('Opgaven er din nu.');
  await nav(page, 'Opgaver');
  await page.getByRole('navigation', { name: 'Vis opgaver' }).getByRole('link', { name: 'Mine' }).click();
  const mine = page.getByRole('listitem').filter({ hasText: day });
  await expect(mine).toContainText('Dig');
  await expectAccessible(page);

  // Closing needs a note of what was done.
  await mine.getByRole('button', { name: 'Luk opgaven' }).click();
  await expect(page.getByRole('alert')).toContainText('Skriv kort, hvad der er gjort');
  await expectAccessible(page);
  const note = jsOn() ? 'Henrik er booket på holdet 30. april.' : 'Henrik sagde nej tak i telefonen.';
  await page.getByRole('listitem').filter({ hasText: day }).getByLabel(/^Hvad er gjort/).fill(note);
  await page.getByRole('listitem').filter({ hasText: day }).getByRole('button', { name: 'Luk opgaven' }).click();
  await expect(page.getByRole('status')).toContainText('Opgaven er lukket.');
  await expect(page.getByRole('region', { name: 'Senest lukkede' })).toContainText(note);
  await expect(page.getByRole('listitem').filter({ hasText: day })).toHaveCount(0);
  await expectAccessible(page);
});
