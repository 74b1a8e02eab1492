import { Browser, expect, Page, test } from '@playwright/test';
import { expectAccessible, signInAs } from './helpers';

/**
 * Powers of attorney in the browser, with JavaScript on and off: Ida invites Hanne by email,
 * Hanne opens the link, signs in with her own MitID at the stand-in broker and accepts, acts for
 * Ida within what Ida granted, and loses that the moment Ida revokes it.
 */

async function newPerson(browser: Browser): Promise<Page> {
  const project = test.info().project.use;
  const context = await browser.newContext({ baseURL: project.baseURL, javaScriptEnabled: project.javaScriptEnabled });
  const page = await context.newPage();
  // The provider's own pages ask for web fonts; there is no internet here.
  await page.route('**/fonts.googleapis.com/**', (r) => r.abort());
  return page;
}

async function mitidLogin(page: Page, login: string) {
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('test');
  await page.locator('button[type=submit]').click();
}

test('a citizen invites a relative, who accepts with MitID, acts for her, and loses access when she revokes', { tag: '@smoke' }, async ({ browser }) => {
  const project = test.info().project.name;
  const hanneEmail = `hanne.${project}@example.dk`;

  const ida = await newPerson(browser);
  await ida.goto('/log-ind');
  await ida.getByRole('link', { name: 'Log ind med MitID' }).click();
  await mitidLogin(ida, 'ida');
  await expect(ida).toHaveURL(/\/oversigt$/);
  await ida.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Fuldmagter' }).click();
  await expect(ida.getByRole('heading', { level: 1, name: 'Fuldmagter' })).toBeVisible();
  await expectAccessible(ida);
  await ida.getByRole('link', { name: 'Giv en pårørende fuldmagt' }).click();
  await expect(ida.getByRole('heading', { level: 1, name: 'Giv en pårørende fuldmagt' })).toBeVisible();
  await expectAccessible(ida);

  // A slip the browser lets through is caught on the server, in plain Danish.
  await ida.getByLabel('Den pårørendes navn').fill('Hanne Høj');
  await ida.getByLabel('Den pårørendes e-mailadresse').fill('hanne@example');
  await ida.getByLabel('Booke træningstider og melde afbud').check();
  await ida.getByLabel('Sidste dag, fuldmagten gælder').fill('2026-03-03');
  await ida.getByRole('button', { name: 'Send invitationen' }).click();
  const problem = ida.getByRole('alert');
  await expect(problem).toContainText('Der er et problem');
  await expect(problem).toContainText('Skriv en e-mailadresse som navn@eksempel.dk.');
  await expect(problem).toContainText('Den sidste dag kan ikke ligge før i dag.');
  await expectAccessible(ida);

  await ida.getByLabel('Den pårørendes navn').fill('Hanne Høj');
  await ida.getByLabel('Den pårørendes e-mailadresse').fill(hanneEmail);
  await ida.getByLabel('Booke træningstider og melde afbud').check();
  await ida.getByLabel('Sidste dag, fuldmagten gælder').fill('2027-12-31');
  await ida.getByRole('button', { name: 'Send invitationen' }).click();
  await expect(ida).toHaveURL(/\/fuldmagter\?sendt=\d+$/);
  await expect(ida.getByRole('status')).toContainText(`Vi har sendt en e-mail til Hanne Høj (${hanneEmail})`);
  await expect(ida.getByRole('region', { name: 'Fuldmagter, du har givet' })).toContainText('Venter på, at den bliver taget imod');
  await expectAccessible(ida);

  // The email, read on the development mail page.
  await ida.goto('/dev/post');
  const mail = ida.getByRole('listitem').filter({ hasText: hanneEmail }).first();
  await expect(mail).toContainText('Til Hanne Høj');
  const body = await mail.locator('pre').innerText();
  const link = body.match(/\/fuldmagt\/[A-Za-z0-9_-]+/)?.[0];
  expect(link, body).toBeTruthy();

  // Hanne opens the link, signs in with her own MitID and comes back to it.
  const hanne = await newPerson(browser);
  await hanne.goto(link!);
  await expect(hanne.getByRole('heading', { level: 1, name: 'Du er inviteret til at få en fuldmagt' })).toBeVisible();
  await expect(hanne.getByRole('main')).not.toContainText('Ida');
  await expectAccessible(hanne);
  await hanne.getByRole('link', { name: 'Log ind med MitID' }).click();
  await mitidLogin(hanne, 'hanne');
  await expect(hanne).toHaveURL(new RegExp(`${link}$`));
  await expect(hanne.getByRole('heading', { level: 1, name: 'Fuldmagt fra Ida Mortensen' })).toBeVisible();
  await expect(hanne.getByRole('main')).toContainText('se sagen, booke og melde afbud');
  await expect(hanne.getByRole('main')).toContainText('fredag 31. december 2027');
  await expectAccessible(hanne);
  await hanne.getByRole('button', { name: 'Tag imod fuldmagten' }).click();
  await expect(hanne).toHaveURL(/\/oversigt$/);
  await expect(hanne.getByRole('banner')).toContainText('Du handler for Ida Mortensen');
  await expect(hanne.getByRole('heading', { level: 1, name: 'Oversigt for Ida Mortensen' })).toBeVisible();

  // Ida sees it in force, and revokes it.
  await ida.goto('/fuldmagter');
  const given = ida.getByRole('region', { name: 'Fuldmagter, du har givet' });
  await expect(given.getByRole('listitem').filter({ hasText: hanneEmail })).toContainText('Gælder');
  await given.getByRole('listitem').filter({ hasText: hanneEmail }).getByRole('button', { name: 'Tilbagekald fuldmagten til Hanne Høj' }).click();
  await expect(ida).toHaveURL(/\/fuldmagter\?ophoert=1$/);
  await expect(ida.getByRole('status')).toContainText('Fuldmagten gælder ikke længere');
  await expect(given.getByRole('listitem').filter({ hasText: hanneEmail })).toContainText('Tilbagekaldt');

  // Hanne's next page no longer shows Ida.
  await hanne.goto('/oversigt');
  await expect(hanne.getByRole('banner')).not.toContainText('Ida Mortensen');
  await expect(hanne.getByRole('heading', { level: 1, name: 'Din oversigt' })).toBeVisible();

  // Ida's log shows Hanne's acceptance and her look at the overview.
  await ida.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Min log' }).click();
  await expect(ida.getByRole('heading', { level: 1, name: 'Min log' })).toBeVisible();
  await expect(ida.getByRole('main')).toContainText('Hanne Høj: Tog imod en fuldmagt');
  await expect(ida.getByRole('main')).toContainText('Hanne Høj: Så oversigten over træning og tider');
  await expectAccessible(ida);
  await ida.context().close();
  await hanne.context().close();
});

test('staff register a guardianship with its document reference', async ({ page }) => {
  await page.context().clearCookies();
  await signInAs(page, 'Mette Lund');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Registrer fuldmagt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registrer fuldmagt eller værgemål' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Borgerens navn').fill('Karen Østergaard');
  await page.getByLabel('Borgerens fødselsdato').fill('17.5.1961');
  await page.getByLabel('Værgemål').check();
  await page.getByLabel('Dokumentets reference').fill(`FRH-${test.info().project.name}`);
  await page.getByLabel('Navn', { exact: true }).fill('Lone Mikkelsen');
  await page.getByLabel('E-mailadresse').fill('lone@example.dk');
  await page.getByLabel('Klage over afgørelser').check();
  await page.getByLabel('Sidste dag, fuldmagten gælder').fill('2027-06-30');
  await page.getByRole('button', { name: 'Registrer og send invitationen' }).click();
  await expect(page).toHaveURL(/\/personale\/fuldmagter\?registreret=\d+$/);
  const receipt = page.getByRole('status');
  await expect(receipt).toContainText('Fuldmagten er registreret');
  await expect(receipt).toContainText('Lone Mikkelsen → Karen Østergaard');
  await expect(receipt).toContainText('onsdag 30. juni 2027');
  await expect(receipt).toContainText('Den gælder først, når en anden medarbejder i kommunen har godkendt den.');
  await expectAccessible(page);

  // Four eyes: Mette cannot approve what she registered; Per, the administrator, can.
  const reference = `FRH-${test.info().project.name}`;
  const waiting = page.getByRole('region', { name: 'Venter på godkendelse' }).getByRole('listitem').filter({ hasText: reference });
  await expect(waiting).toContainText('Du har selv registreret den');
  await expect(waiting.getByRole('button', { name: 'Godkend' })).toHaveCount(0);
  await page.context().clearCookies();
  await signInAs(page, 'Per Dahl');
  await page.goto('/personale/fuldmagter');
  const mine = page.getByRole('region', { name: 'Venter på godkendelse' }).getByRole('listitem').filter({ hasText: reference });
  await expect(mine).toContainText('Registreret af Mette Lund');
  await expectAccessible(page);
  await mine.getByRole('button', { name: 'Godkend' }).click();
  await expect(page.getByRole('status')).toContainText('Fuldmagten er godkendt. Borgeren får besked.');
  await expect(page.getByRole('listitem').filter({ hasText: reference })).toHaveCount(0);
});
