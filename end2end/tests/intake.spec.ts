import { expect, Page, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

// Intake by phone, letter and referral, with JavaScript on and off. The portal's clock starts at
// Wednesday 4 March 2026. Each project uses its own municipality and a refusal no other browser
// test complains about (Erik's in Samsø, Inger's in Brønderslev).
const jsOn = () => test.info().project.name === 'javascript-on';

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

async function find(page: Page, name: string, born: string) {
  await page.getByLabel('Borgerens fulde navn').fill(name);
  await page.getByLabel('Fødselsdato').fill(born);
  await page.getByRole('button', { name: 'Find borgeren' }).click();
}

test('a caseworker registers an application by phone and a complaint by letter', { tag: '@smoke' }, async ({ page }) => {
  test.slow();
  const c = jsOn()
    ? { staff: 'Hanne Krogh', citizen: 'Erik Mikkelsen', newcomer: 'Aase Holm' }
    : { staff: 'Birgitte Dahl', citizen: 'Inger Thomsen', newcomer: 'Poul Vinther' };
  await signInAs(page, c.staff);
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Registrér henvendelse' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registrér en ansøgning eller klage' })).toBeVisible();
  await expectAccessible(page);

  // Someone the portal does not know calls: the citizen is created with the application.
  await find(page, c.newcomer, '2.2.1940');
  await expect(page.getByRole('main')).toContainText('Registrerer du en ansøgning, bliver borgeren oprettet.');
  await expectAccessible(page);
  const application = page.getByRole('region', { name: '2. Registrér en ansøgning' });
  await application.getByLabel('Telefon').check();
  await application.getByLabel('Den dag, ansøgningen kom').fill('2026-03-02');
  await application.getByLabel('Hvad har borgeren brug for hjælp til?').fill('Kan ikke gå på trapper.');
  await application.getByRole('button', { name: 'Registrér ansøgningen' }).click();
  await expect(page.getByRole('alert')).toContainText('Ansøgningen kræver borgerens samtykke.');
  await expectAccessible(page);
  const again = page.getByRole('region', { name: '2. Registrér en ansøgning' });
  await again.getByLabel('Telefon').check();
  await again.getByLabel('Den dag, ansøgningen kom').fill('2026-03-02');
  await again.getByLabel('Hvad har borgeren brug for hjælp til?').fill('Kan ikke gå på trapper.');
  await again.getByLabel('Givet mundtligt til mig').check();
  await again.getByRole('button', { name: 'Registrér ansøgningen' }).click();
  await expect(page.getByRole('main')).toContainText(c.newcomer);
  await expect(page).toHaveURL(/\/personale\/ansoegninger\/TP-/);
  await expectAccessible(page);

  // A letter complaint about the citizen's refusal, sent before its deadline ran out.
  await page.goto('/personale/modtag');
  await find(page, c.citizen, '17.5.1961');
  const complaint = page.getByRole('region', { name: '3. Registrér en klage over en afgørelse' });
  await complaint.getByLabel(/\(Afslag\)$/).check();
  await complaint.getByLabel('Brev', { exact: true }).check();
  await complaint.getByLabel('Den dag, kommunen modtog klagen').fill('2026-03-03');
  await complaint.getByLabel(/^Den dag, brevet blev sendt/).fill('2026-02-16');
  await complaint.getByRole('button', { name: 'Registrér klagen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Klage over afgørelse' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(c.citizen);
  await expectAccessible(page);
});
