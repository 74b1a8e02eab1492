import { expect, Page, test } from '@playwright/test';
import { expectAccessible, sendApplication, signInAs } from './helpers';

// Rules fed the right facts, as staff and citizens see them (issue 13). The portal's clock starts
// at Wednesday 4 March 2026 10:00 and runs on. Both browser projects share the database.

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

async function nav(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name, exact: true }).click();
}

test('the contacts page says whether the phone is open now (BRS-08)', async ({ page }) => {
  await page.goto('/kommuner');
  const brs = page.getByRole('region', { name: 'Brønderslev Kommune' });
  await expect(brs).toContainText('Telefontid: Mandag–torsdag kl. 8.00–9.00 og 10.00–14.00, fredag kl. 8.00–9.00 og 10.00–13.30');
  await expect(brs).toContainText('Åben nu – lukker kl. 14.00');
  await expectAccessible(page);
  await brs.getByRole('link', { name: /Regler for vedligeholdende træning i Brønderslev/ }).click();
  await expect(page.getByRole('region', { name: 'Telefontid' })).toContainText('Åben nu – lukker kl. 14.00');
  await expect(page.getByRole('region', { name: 'Fravær' })).toContainText('BRS-19');
  await expectAccessible(page);
});

test('staff are warned when their quality standard may not be current (GEN-9)', async ({ page }) => {
  await signInAs(page, 'Birgitte Dahl');
  await expect(page).toHaveURL(/\/personale$/);
  const warning = page.getByRole('region', { name: 'Kvalitetsstandarden bør bekræftes' });
  await expect(warning).toContainText('mere end 12 måneder gammel');
  await expect(warning).toContainText('før Ældreloven trådte i kraft');
  await expectAccessible(page);
});

test('Vejen: the caseworker tells the waiting time (VEJ-06) and decides with a transport part', async ({ page }) => {
  // Karen applies.
  await signInAs(page, 'Karen Østergaard');
  const reference = await sendApplication(page, 'Jeg kan ikke rejse mig fra en stol.');

  // Mette records the visitation: training must start within 10 hverdage, and nothing is booked.
  await page.context().clearCookies();
  await signInAs(page, 'Mette Lund');
  await nav(page, 'Ansøgninger');
  await page.getByRole('link', { name: `Karen Østergaard – ${reference}` }).click();
  await expect(page.getByRole('main')).toContainText('Lovgrundlag: Serviceloven § 86, stk. 2');
  await page.getByRole('button', { name: 'Registrér nu: Visitation' }).click();
  const task = page.getByRole('region', { name: 'Opgave: fortæl borgeren ventetiden' });
  await expect(task).toContainText('Træningen kan ikke begynde senest onsdag 18. marts 2026.');
  await expect(task).toContainText('VEJ-06');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Registrér nu: Borgeren har fået besked om ventetiden' }).click();
  await expect(page.getByRole('region', { name: 'Opgave: fortæl borgeren ventetiden' })).toHaveCount(0);
  await expect(page.getByRole('main')).toContainText('Borgeren har fået besked om ventetiden: onsdag 4. marts 2026');

  // A refusal of transport under § 117 is a part of the decision with its own guidance.
  await page.getByLabel('Bevilget', { exact: true }).check();
  await page.getByRole('group', { name: 'Træningsform' }).getByLabel('Holdtræning').check();
  await page.getByLabel('Sted', { exact: true }).fill('Brørup Sundhedscenter');
  await page.getByLabel('Antal gange om ugen').fill('1');
  await page.getByLabel('Begynder').fill('2026-03-23');
  await page.getByLabel('Kørsel afslået').check();
  await page.getByRole('button', { name: 'Træf afgørelsen' }).click();
  await page.getByRole('link', { name: 'Se afgørelsen' }).click();
  const transport = page.getByRole('region', { name: 'Kørsel til træningen (servicelovens § 117)' });
  await expect(transport).toContainText('Du får ikke kørsel til træningen.');
  await expect(page.getByRole('region', { name: 'Sådan klager du' })).toContainText('Styrelsen for Patientklager');
  await expectAccessible(page);
});
