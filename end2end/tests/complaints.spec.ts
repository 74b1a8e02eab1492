import { expect, Page, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

// Complaints, with JavaScript on and off. The portal's clock starts at Wednesday 4 March 2026.
// Both browser projects share the database, and a decision takes one complaint: each project
// uses its own citizens. Every demo citizen has a decision granted today and a refusal received
// six weeks ago (its complaint deadline has passed).
const jsOn = () => test.info().project.name === 'javascript-on';

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

async function nav(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name, exact: true }).click();
}

/** From the overview, opens the decision ("bevilget" or "afslag") and its complaint form. */
async function openComplaintForm(page: Page, outcome: 'bevilget' | 'afslag') {
  await nav(page, 'Oversigt');
  await page.getByRole('region', { name: 'Afgørelser' }).getByRole('link', { name: new RegExp(`\\(${outcome}\\)$`) }).click();
  await expect(page.getByRole('region', { name: 'Sådan klager du' })).toBeVisible();
  await page.getByRole('link', { name: 'Klag over afgørelsen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Klag over afgørelsen' })).toBeVisible();
}

/** Sends the complaint; returns its reference from the receipt. */
async function send(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Send klagen' }).click();
  const receipt = page.getByRole('status');
  await expect(receipt).toContainText('Klagen er sendt');
  await expect(receipt).toContainText('Vi har sendt en kvittering på e-mail.');
  return (await receipt.locator('.reference').innerText()).trim();
}

async function openAsStaff(page: Page, staff: string, reference: string) {
  await page.context().clearCookies();
  await signInAs(page, staff);
  await nav(page, 'Klager');
  await expect(page.getByRole('heading', { level: 1, name: 'Klager' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: new RegExp(reference) }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Klage over afgørelse' })).toBeVisible();
}

async function forward(page: Page) {
  const section = page.getByRole('region', { name: 'Sendt til Ankestyrelsen' });
  await section.getByRole('button', { name: 'Registrér afsendelsen' }).click();
  await expect(page.getByRole('main')).toContainText('Klagen blev sendt til Ankestyrelsen');
  await expect(page.getByRole('region', { name: 'Hvad sker der nu?' })).toContainText('Ankestyrelsen behandler klagen');
}

test('a citizen complains on time without giving reasons; the decision is upheld and forwarded', { tag: '@smoke' }, async ({ page }) => {
  // Several people's steps, each page checked with axe: longer than one journey.
  test.slow();
  const [citizen, staff, route] = jsOn()
    ? ['Karen Østergaard', 'Mette Lund', 'Vejen Kommune']
    : ['Erik Mikkelsen', 'Hanne Krogh', 'Samsø Kommune'];
  await signInAs(page, citizen);
  await openComplaintForm(page, 'bevilget');
  // Opened today, Wednesday 4 March: 4 weeks to the last second of Wednesday 1 April.
  await expect(page.getByRole('main')).toContainText('Du kan klage til og med onsdag 1. april 2026 kl. 23.59.');
  await expect(page.getByRole('main')).toContainText('28 dage tilbage.');
  await expect(page.getByRole('main')).toContainText(route);
  await expect(page.getByLabel('Hvad er du uenig i? (valgfrit)')).toBeEmpty();
  await expectAccessible(page);
  const reference = await send(page);
  await expect(page.getByRole('region', { name: 'Hvad sker der nu?' })).toContainText('Senest onsdag 1. april 2026.');
  await expect(page.getByRole('region', { name: 'Frister' })).toContainText('Kommunen genvurderer afgørelsen: senest onsdag 1. april 2026');
  await expectAccessible(page);

  await openAsStaff(page, staff, reference);
  await page.getByLabel('Afgørelsen fastholdes – klagen sendes til Ankestyrelsen').check();
  await page.getByRole('button', { name: 'Gem genvurderingen' }).click();
  // The reasons go to the citizen and to Ankestyrelsen: asked for at the field, choice kept.
  await expect(page.getByRole('alert')).toContainText('Skriv begrundelsen for at fastholde afgørelsen.');
  await expect(page.locator('#felt-begrundelse-fejl')).toBeVisible();
  await expect(page.getByLabel('Afgørelsen fastholdes – klagen sendes til Ankestyrelsen')).toBeChecked();
  await expectAccessible(page);
  await page.getByLabel(/^Begrundelse/).fill('Holdtræning dækker dit behov.');
  await page.getByRole('button', { name: 'Gem genvurderingen' }).click();
  await expect(page.getByRole('region', { name: 'Hvad sker der nu?' })).toContainText('Kommunen sender klagen og sagens papirer til Ankestyrelsen. Senest onsdag 1. april 2026.');
  await forward(page);
  await expectAccessible(page);

  // The citizen follows it: every step, who took it.
  await page.context().clearCookies();
  await signInAs(page, citizen);
  await nav(page, 'Klager');
  await page.getByRole('link', { name: new RegExp(reference) }).click();
  const history = page.getByRole('region', { name: 'Det er sket' });
  await expect(history).toContainText('Klagen er modtaget');
  await expect(history).toContainText(`Kommunen fastholdt afgørelsen (${staff})`);
  await expect(history).toContainText('Klagen blev sendt til Ankestyrelsen');
  await expect(page.getByRole('main')).toContainText('Holdtræning dækker dit behov.');
  await expectAccessible(page);
});

test('a late complaint is accepted and marked possibly late', async ({ page }) => {
  const citizen = jsOn() ? 'Grethe Nielsen' : 'Karen Østergaard';
  await signInAs(page, citizen);
  await openComplaintForm(page, 'afslag');
  const late = page.locator('.warning-text');
  await expect(late.getByRole('heading', { name: 'Fristen er overskredet' })).toBeVisible();
  await expect(late).toContainText('Ankestyrelsen kan se bort fra en overskredet frist, hvis der er særlige grunde');
  await expectAccessible(page);
  await page.getByLabel('Hvad er du uenig i? (valgfrit)').fill('Jeg var indlagt på sygehuset i hele perioden.');
  await send(page);
  await expect(page.getByRole('status')).toContainText('Den bliver markeret som måske for sent.');
  await expect(page.getByRole('main')).toContainText('klagen kom måske for sent');
  await expect(page.getByRole('main')).toContainText('Jeg var indlagt på sygehuset i hele perioden.');
  await expectAccessible(page);
});

test('a relative complains with the complain scope; partial agreement; Brønderslev asks the citizen, elsewhere the law forwards it', async ({ page }) => {
  // Several people's steps, each page checked with axe: longer than one journey.
  test.slow();
  // JavaScript on: Brønderslev, whose standard asks whether the complaint is maintained (BRS-26).
  // JavaScript off: Fredensborg, where the law forwards what was not agreed to (Rsl § 66).
  const c = jsOn()
    ? { citizen: 'Inger Thomsen', relative: 'Ole Thomsen', staff: 'Birgitte Dahl', place: 'Sundhedscenter Brønderslev', forwardBy: 'Klagen sendes til Ankestyrelsen, når du fastholder den: senest onsdag 18. marts 2026' }
    : { citizen: 'Henrik Larsen', relative: 'Sofie Larsen', staff: 'Camilla Friis', place: 'Træningscenter Kokkedal', forwardBy: 'senest onsdag 1. april 2026' };
  await signInAs(page, c.relative);
  await expect(page.getByRole('banner')).toContainText(`Du handler for ${c.citizen}`);
  await openComplaintForm(page, 'bevilget');
  await expect(page.getByRole('main')).toContainText(`Klage fra ${c.citizen}`);
  await page.getByLabel('Hvad er du uenig i? (valgfrit)').fill('Min pårørende har brug for træning to gange om ugen.');
  const reference = await send(page);
  await expectAccessible(page);

  // Partial agreement: a new decision, with the plan checked like any decision.
  await openAsStaff(page, c.staff, reference);
  await page.getByLabel('Delvist medhold – ny afgørelse med klagevejledning').check();
  await page.getByRole('group', { name: 'Træningsform' }).getByLabel('Holdtræning').check();
  await page.getByLabel('Sted', { exact: true }).fill(c.place);
  await page.getByLabel('Antal gange om ugen').fill('1');
  await page.getByLabel('Begynder').fill('2026-03-16');
  await page.getByLabel(/^Begrundelse/).fill('Du får holdtræning på et andet hold, men ikke individuel træning.');
  await page.getByRole('button', { name: 'Gem genvurderingen' }).click();
  await expect(page.getByRole('main')).toContainText('Delvist medhold');
  if (jsOn()) {
    await expect(page.getByRole('region', { name: 'Hvad sker der nu?' })).toContainText('Sig til, om du fastholder klagen.');
  } else {
    await expect(page.getByRole('region', { name: 'Hvad sker der nu?' })).toContainText('Kommunen sender den del af klagen, du ikke fik medhold i, til Ankestyrelsen.');
  }
  await expectAccessible(page);

  await page.context().clearCookies();
  await signInAs(page, c.citizen);
  await nav(page, 'Klager');
  await expectAccessible(page);
  await page.getByRole('link', { name: new RegExp(reference) }).click();
  if (jsOn()) {
    // The citizen reads the new decision, then says the complaint is maintained.
    await expect(page.getByRole('main')).toContainText('Venter på dit svar');
    await page.getByRole('link', { name: 'Læs den nye afgørelse' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Du får delvist vedligeholdende træning' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Du får holdtræning på et andet hold');
    await page.getByRole('link', { name: 'Svar, om du fastholder din klage' }).click();
    await expect(page.getByRole('main')).toContainText('Du skal svare senest onsdag 1. april 2026 kl. 23.59.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send svaret' }).click();
    await expect(page.getByRole('alert')).toContainText('Vælg, om du fastholder klagen eller trækker den tilbage.');
    await page.getByLabel('Ja, jeg fastholder klagen. Send den til Ankestyrelsen.').check();
    await page.getByRole('button', { name: 'Send svaret' }).click();
    await expect(page.getByRole('region', { name: 'Det er sket' })).toContainText(`Klagen blev fastholdt (${c.citizen})`);
  } else {
    // Nothing for the citizen to do: it goes on unless she withdraws it.
    await expect(page.getByRole('main')).toContainText('Du behøver ikke gøre noget');
    await expect(page.getByRole('button', { name: 'Træk klagen tilbage' })).toBeVisible();
    await expect(page.getByText('Fastholder du klagen?')).toHaveCount(0);
    await expectAccessible(page);
  }
  await expect(page.getByRole('main')).toContainText('Skal sendes til Ankestyrelsen');
  await expect(page.getByRole('region', { name: 'Frister' })).toContainText(c.forwardBy);

  // The municipality sees the same clock and forwards it.
  await openAsStaff(page, c.staff, reference);
  await expect(page.getByRole('region', { name: 'Frister' })).toContainText(c.forwardBy);
  await forward(page);
});

test('a complaint about the training goes to the unit the standard names', async ({ page }) => {
  await signInAs(page, 'Karen Østergaard');
  await nav(page, 'Klager');
  await expect(page.getByRole('heading', { level: 1, name: 'Klager' })).toBeVisible();
  await page.getByRole('link', { name: 'Klag over træningen eller personalet' }).click();
  await expect(page.getByRole('main')).toContainText('Leder af Træning & Livsstil, Brørup Sundhedscenter');
  await expect(page.getByRole('region', { name: 'Klager over den sundhedsfaglige behandling' })).toContainText('Styrelsen for Patientklager');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Send klagen' }).click();
  await expect(page.getByRole('alert')).toContainText('Skriv, hvad du vil klage over.');
  await page.getByLabel('Personalet').check();
  await page.getByLabel('Hvad vil du klage over?').fill(`Terapeuten kom for sent (${test.info().project.name}).`);
  await send(page);
  await expect(page.getByRole('main')).toContainText('Der er ingen frist i loven for klager over træningen eller personalet.');
  await expectAccessible(page);
});
