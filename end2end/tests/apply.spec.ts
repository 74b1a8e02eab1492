import { expect, test } from '@playwright/test';
import { expectAccessible, sendApplication, signInAs } from './helpers';

// The portal's clock starts at Wednesday 4 March 2026 (see playwright.config.ts). Brønderslev
// promises a decision within 2 weeks of the day an application arrives: Wednesday 18 March.

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

test('a citizen applies: advice, a clear message for what is missing, a draft, checking and the receipt', { tag: '@smoke' }, async ({ page }) => {
  await signInAs(page, 'Inger Thomsen');
  await page.goto('/ansoeg');
  await expect(page.getByRole('heading', { level: 1, name: 'Søg om vedligeholdende træning' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Ansøgningen sendes til Brønderslev Kommune');
  await expectAccessible(page);

  // Advice, never a refusal: answering that ordinary offers would do gives the standard's advice.
  await page
    .getByRole('group', { name: 'Kan du bruge almindelige offentlige, private eller frivillige træningstilbud, fx et motionshold?' })
    .getByLabel('Ja')
    .check();
  await page.getByLabel('Hvad er svært for dig i hverdagen?').fill('Jeg kan ikke gå på trapper.');
  await page.getByRole('button', { name: 'Gem som kladde' }).click();
  await expect(page.getByRole('status')).toContainText('Din kladde er gemt');
  await expect(page.getByLabel('Hvad er svært for dig i hverdagen?')).toHaveValue('Jeg kan ikke gå på trapper.');
  await expect(page.locator('.inset').first()).toContainText('Regel BRS');
  await expectAccessible(page);

  // Going on without saying whether she can get there: the message names it; nothing is lost.
  await page.getByLabel('Hvad vil du gerne kunne? (valgfrit)').fill('Gå til købmanden.');
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await expect(page.getByRole('alert')).toContainText('Vælg, om du selv kan komme frem til træningen.');
  await expect(page.getByLabel('Hvad vil du gerne kunne? (valgfrit)')).toHaveValue('Gå til købmanden.');
  await expectAccessible(page);

  await page.getByLabel('Nej, jeg har brug for hjælp til transport').check();
  await page.getByLabel('Holdtræning').check();
  await page.getByLabel('På et af kommunens sundhedscentre').check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await expect(page).toHaveURL(/\/ansoeg\/tjek$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tjek dine svar, før du sender' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Jeg kan ikke gå på trapper.');
  await expect(page.getByRole('main')).toContainText('Har brug for hjælp til transport');
  await expect(page.getByRole('main')).toContainText('På et af kommunens sundhedscentre');
  await expect(page.getByRole('link', { name: 'Ret transport' })).toHaveAttribute('href', '/ansoeg#felt-transport');
  await expectAccessible(page);

  // The consent is given by ticking it, in Brønderslev's own words; without it nothing is sent.
  await expect(page.getByRole('group', { name: 'Samtykke' })).toContainText('Jeg giver samtykke til, at Brønderslev Kommune må bruge min ansøgning');
  await page.getByRole('button', { name: 'Send ansøgningen' }).click();
  await expect(page.getByRole('alert')).toContainText('Sæt kryds ved samtykket');
  await expectAccessible(page);
  await page.getByLabel('Jeg giver samtykke til, at kommunen behandler min ansøgning').check();
  await page.getByRole('button', { name: 'Send ansøgningen' }).click();
  await expect(page).toHaveURL(/\/ansoeg\/kvittering\/TP-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ansøgningen er sendt' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Du får en afgørelse: senest onsdag 18. marts 2026');
  await expect(page.getByRole('main')).toContainText('Vi har sendt en kvittering til inger.thomsen@example.dk');
  await expectAccessible(page);

  // She follows it: received today, what comes next, and the promise.
  await page.getByRole('link', { name: 'Følg ansøgningen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Din ansøgning' })).toBeVisible();
  const steps = page.getByRole('region', { name: 'Sådan går det med ansøgningen' }).getByRole('listitem');
  await expect(steps.first()).toContainText('Ansøgningen er modtaget, onsdag 4. marts 2026 – Sket');
  await expect(steps.nth(1)).toContainText('Næste skridt');
  await expect(page.getByRole('region', { name: 'Det lover kommunen' })).toContainText('senest onsdag 18. marts 2026');
  await expectAccessible(page);
});

test('a relative applies for a citizen, and the application waits until she consents in her own sign-in', async ({ browser }) => {
  const project = test.info().project.use;
  const newPage = async () => {
    const context = await browser.newContext({ baseURL: project.baseURL, javaScriptEnabled: project.javaScriptEnabled });
    const page = await context.newPage();
    await page.route('**/fonts.googleapis.com/**', (r) => r.abort());
    return page;
  };
  const mitid = async (page: import('@playwright/test').Page, login: string, start = '/log-ind') => {
    await page.goto(start);
    await page.getByRole('link', { name: 'Log ind med MitID' }).click();
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('test');
    await page.locator('button[type=submit]').click();
  };
  const hanneEmail = `hanne.ansoeg.${test.info().project.name}@example.dk`;
  // A citizen new to the portal in each run (the stand-in broker knows any login; the name is the login).
  const citizen = `borger-${test.info().project.name}`;

  // The citizen gives Hanne power to see her case and apply, not to consent for her.
  const ida = await newPage();
  await mitid(ida, citizen);
  await ida.goto('/fuldmagter/ny');
  await ida.getByLabel('Den pårørendes navn').fill('Hanne Høj');
  await ida.getByLabel('Den pårørendes e-mailadresse').fill(hanneEmail);
  await ida.getByLabel('Søge om træning for mig').check();
  await ida.getByLabel('Sidste dag, fuldmagten gælder').fill('2027-12-31');
  await ida.getByRole('button', { name: 'Send invitationen' }).click();
  await ida.goto('/dev/post');
  const body = await ida.getByRole('listitem').filter({ hasText: hanneEmail }).first().locator('pre').innerText();
  const link = body.match(/\/fuldmagt\/[A-Za-z0-9_-]+/)![0];

  const hanne = await newPage();
  await mitid(hanne, 'hanne', link);
  await hanne.getByRole('button', { name: 'Tag imod fuldmagten' }).click();
  await expect(hanne.getByRole('banner')).toContainText(`Du handler for ${citizen}`);

  // The citizen has no municipality in the portal yet: Hanne chooses it.
  await hanne.goto('/ansoeg');
  await expect(hanne.getByRole('heading', { level: 1, name: `Søg om vedligeholdende træning for ${citizen}` })).toBeVisible();
  await expectAccessible(hanne);
  await hanne.getByLabel('Samsø Kommune').check();
  await hanne.getByLabel('Hvad er svært for dig i hverdagen?').fill('Hun har svært ved at rejse sig fra en stol.');
  await hanne.getByLabel('Ja, jeg kan selv komme frem').check();
  await hanne.getByRole('button', { name: 'Fortsæt' }).click();
  await expect(hanne.getByRole('main')).toContainText(`venter ansøgningen på, at ${citizen} giver samtykke`);
  await expectAccessible(hanne);
  await hanne.getByRole('button', { name: 'Send ansøgningen' }).click();
  await expect(hanne.getByRole('heading', { level: 1, name: 'Ansøgningen venter på samtykke' })).toBeVisible();
  await expect(hanne.getByRole('button', { name: /Jeg giver samtykke/ })).toHaveCount(0);
  await expectAccessible(hanne);

  // The citizen finds it on her overview and consents.
  await ida.goto('/oversigt');
  await ida.getByRole('link', { name: /Venter på samtykke/ }).click();
  await expect(ida.getByRole('heading', { level: 1, name: 'Ansøgningen venter på samtykke' })).toBeVisible();
  await expectAccessible(ida);
  await ida.getByRole('button', { name: 'Jeg giver samtykke – send ansøgningen' }).click();
  await expect(ida.getByRole('heading', { level: 1, name: 'Ansøgningen er sendt' })).toBeVisible();
  await expect(ida.getByRole('main')).toContainText('Samsø Kommune');
  await expectAccessible(ida);
  await ida.context().close();
  await hanne.context().close();
});

test('a caseworker decides, and the citizen reads the letter with her complaint deadline', { tag: '@smoke' }, async ({ page }) => {
  // Two people's steps, each page checked with axe: longer than one journey.
  test.slow();
  // Karen applies.
  await signInAs(page, 'Karen Østergaard');
  const reference = await sendApplication(page, 'Jeg mister balancen.');

  // Mette Lund, caseworker in Vejen, finds it in the inbox and decides.
  await page.context().clearCookies();
  await signInAs(page, 'Mette Lund');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Ansøgninger' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansøgninger – Vejen Kommune' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: `Karen Østergaard – ${reference}` }).click();
  await expect(page.getByRole('main')).toContainText('Jeg mister balancen.');
  await expectAccessible(page);
  await page.getByLabel('Delvist bevilget').check();
  await page.getByRole('group', { name: 'Træningsform' }).getByLabel('Holdtræning').check();
  await page.getByLabel('Sted', { exact: true }).fill('Brørup Sundhedscenter');
  await page.getByLabel('Antal gange om ugen').fill('1');
  await page.getByLabel('Begynder').fill('2026-03-16');
  // Karen is under folkepensionsalderen: the case is under serviceloven, chosen in the form.
  await expect(page.getByRole('main')).toContainText('Lovgrundlag: Serviceloven § 86, stk. 2');
  await expect(page.getByLabel('Serviceloven § 86, stk. 2')).toBeChecked();
  // Published in the portal unless she says otherwise; a letter needs its date.
  await expect(page.getByLabel('Lægges i Træningsportalen nu')).toBeChecked();
  await page.getByLabel('Sendes som brev').check();
  await page.getByRole('button', { name: 'Træf afgørelsen' }).click();
  // Partly granted needs reasons, and a letter its date: the form says both.
  await expect(page.getByRole('alert')).toContainText('Skriv begrundelsen.');
  await expect(page.getByRole('alert')).toContainText('Skriv brevets dato eller dagen, afgørelsen udleveres.');
  await expect(page.locator('#felt-begrundelse-fejl')).toContainText('Skriv begrundelsen.');
  await expect(page.getByLabel('Sendes som brev')).toBeChecked();
  await expectAccessible(page);
  await page.getByLabel('Lægges i Træningsportalen nu').check();
  // What she typed is still there; she only adds the reasons.
  await expect(page.getByLabel('Delvist bevilget')).toBeChecked();
  await expect(page.getByRole('group', { name: 'Træningsform' }).getByLabel('Holdtræning')).toBeChecked();
  await expect(page.getByLabel('Sted', { exact: true })).toHaveValue('Brørup Sundhedscenter');
  await expect(page.getByLabel('Antal gange om ugen')).toHaveValue('1');
  await expect(page.getByLabel('Begynder')).toHaveValue('2026-03-16');
  await page.getByLabel('Begrundelse (påkrævet, medmindre alt bevilges)').fill('Du får holdtræning én gang om ugen.');
  await page.getByRole('button', { name: 'Træf afgørelsen' }).click();
  await page.getByRole('link', { name: 'Se afgørelsen' }).click();
  // Received when published: the deadline is there before Karen has opened it.
  await expect(page.getByRole('main')).toContainText('Klagefrist: onsdag 1. april 2026 kl. 23.59');
  await expect(page.getByRole('main')).toContainText('Borgeren har ikke læst afgørelsen i portalen endnu.');
  const letter = page.url();

  // Karen reads it: the deadline runs 4 weeks from publication, not from her reading.
  await page.context().clearCookies();
  await signInAs(page, 'Karen Østergaard');
  await page.getByRole('region', { name: 'Afgørelser' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Du får delvist vedligeholdende træning' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Du får holdtræning én gang om ugen.');
  await expect(page.getByRole('main')).toContainText('Klagefrist: onsdag 1. april 2026 kl. 23.59');
  await expect(page.getByRole('region', { name: 'Sådan klager du' })).toContainText('du behøver ikke at begrunde klagen');
  await expect(page.getByRole('main')).toContainText('Lagt i Træningsportalen og dermed modtaget onsdag 4. marts 2026');
  await expectAccessible(page);

  // The caseworker sees when, and by whom, it was first read.
  await page.context().clearCookies();
  await signInAs(page, 'Mette Lund');
  await page.goto(letter);
  await expect(page.getByRole('main')).toContainText('Læst første gang onsdag 4. marts 2026');
  await expect(page.getByRole('main')).toContainText('(Karen Østergaard)');
  await expectAccessible(page);
});

test('a citizen gives a consent, reads it, and withdraws it after reading what that means', { tag: '@smoke' }, async ({ page }) => {
  // Both browser projects share the database: each names its own relative.
  const relative = `Kirsten ${test.info().project.name}`;
  await signInAs(page, 'Henrik Larsen');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Samtykker' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Samtykker' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Den pårørendes navn').fill(relative);
  await page.getByRole('button', { name: 'Giv samtykke: Oplysninger til en pårørende' }).click();
  await expect(page.getByRole('status')).toContainText('Samtykket er givet');
  const item = page.getByRole('listitem').filter({ hasText: relative });
  await expect(item).toContainText('Jeg giver samtykke til, at Fredensborg Kommune må fortælle den pårørende');
  await expect(item).toContainText('Henrik Larsen');
  await expectAccessible(page);

  await item.getByRole('link', { name: /Træk samtykket tilbage/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Træk samtykke tilbage' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(relative);
  await expect(page.getByRole('main')).toContainText('Kommunen må ikke længere fortælle den pårørende om din sag.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Træk samtykket tilbage' }).click();
  await expect(page.getByRole('status')).toContainText('Samtykket er trukket tilbage fra nu');
  const withdrawn = page.getByRole('listitem').filter({ hasText: relative });
  await expect(withdrawn).toContainText('Trukket tilbage');
  await expect(withdrawn.getByRole('link', { name: /Træk samtykket tilbage/ })).toHaveCount(0);
  await expectAccessible(page);
});
