import { expect, Page, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

// A hearing before a course is ended (GEN-2), with JavaScript on and off. The portal's clock
// starts at Wednesday 4 March 2026: the answer deadline is 14 days on, Wednesday 18 March. Both
// projects share the database, so each uses its own citizen, and the last training day lies after
// every demo session, so no other test's bookings are touched.
const jsOn = () => test.info().project.name === 'javascript-on';

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

async function nav(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name, exact: true }).click();
}

async function switchTo(page: Page, name: string) {
  await page.context().clearCookies();
  await signInAs(page, name);
}

test('a caseworker hears the citizen, then ends the course by a decision the citizen can complain about', { tag: '@smoke' }, async ({ page }) => {
  // Four people's steps, each page checked with axe: longer than one journey.
  test.slow();
  const { citizen, staff } = jsOn()
    ? { citizen: 'Henrik Larsen', staff: 'Camilla Friis' }
    : { citizen: 'Grethe Nielsen', staff: 'Tina Skov' };

  // The caseworker starts the hearing from the course list.
  await signInAs(page, staff);
  await nav(page, 'Forløb');
  await expect(page.getByRole('heading', { level: 1, name: /^Forløb – / })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: `Start partshøring – ${citizen}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Start partshøring – ${citizen}` })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Svarfristen bliver onsdag 18. marts 2026 kl. 23.59');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Send brevet om partshøring' }).click();
  await expect(page.getByRole('alert')).toContainText('Skriv, hvad kommunen overvejer og hvorfor.');
  await expectAccessible(page);
  await page.getByLabel('Det overvejer kommunen, og hvorfor').fill('Du er udeblevet flere gange uden afbud. Kommunen overvejer at afslutte forløbet.');
  await page.getByRole('button', { name: 'Send brevet om partshøring' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Partshøring om dit træningsforløb' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Du kan træffe afgørelse, når borgeren har svaret');
  await expect(page.getByRole('button', { name: 'Træf afgørelsen' })).toHaveCount(0);
  await expectAccessible(page);

  // The citizen finds the letter on her overview and answers it.
  await switchTo(page, citizen);
  await nav(page, 'Oversigt');
  await page.getByRole('region', { name: 'Partshøring' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Partshøring om dit træningsforløb' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Svarfrist: onsdag 18. marts 2026 kl. 23.59');
  await expect(page.getByRole('main')).toContainText('Du behøver ikke at svare');
  await expectAccessible(page);
  await page.getByLabel('Skriv det, du vil sige til kommunen').fill('Jeg har været syg. Jeg vil gerne fortsætte.');
  await page.getByRole('button', { name: 'Send svaret' }).click();
  await expect(page.getByRole('status')).toContainText('Dit svar er sendt til kommunen.');
  await expect(page.getByRole('region', { name: 'Svaret' })).toContainText('Jeg har været syg.');
  await expectAccessible(page);

  // The caseworker decides: first without reasons or a last day, then complete.
  await switchTo(page, staff);
  await nav(page, 'Partshøringer');
  await expect(page.getByRole('heading', { level: 1, name: 'Partshøringer' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: citizen }).first().click();
  await page.getByLabel('Forløbet afsluttes – afgørelse med begrundelse og klagevejledning').check();
  await page.getByRole('button', { name: 'Træf afgørelsen' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Skriv begrundelsen for at afslutte forløbet.');
  await expect(alert).toContainText('Skriv den sidste træningsdag.');
  await expectAccessible(page);
  await page.getByLabel('Forløbet afsluttes – afgørelse med begrundelse og klagevejledning').check();
  await page.getByLabel(/^Begrundelse/).fill('Du er udeblevet flere gange, og træningen har ikke den ønskede effekt.');
  await page.getByLabel(/^Sidste træningsdag/).fill('2026-06-30');
  await page.getByRole('button', { name: 'Træf afgørelsen' }).click();
  await expect(page.getByRole('region', { name: 'Kommunens afgørelse' })).toContainText('Forløbet afsluttes');
  await page.getByRole('link', { name: 'Læs afgørelsen med klagevejledning' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dit træningsforløb afsluttes' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Sidste træningsdag' })).toContainText('tirsdag 30. juni 2026');
  await expectAccessible(page);

  // The citizen reads the decision, with its complaint deadline, and complains.
  await switchTo(page, citizen);
  await nav(page, 'Oversigt');
  await page.getByRole('region', { name: 'Afgørelser' }).getByRole('link', { name: /\(forløbet afsluttes\)$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dit træningsforløb afsluttes' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Klagefrist:');
  await expect(page.getByRole('region', { name: 'Det har kommunen lagt vægt på' })).toContainText('Jeg har været syg.');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Klag over afgørelsen' }).click();
  await page.getByRole('button', { name: 'Send klagen' }).click();
  await expect(page.getByRole('status')).toContainText('Klagen er sendt');
});
