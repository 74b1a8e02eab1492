import { test, expect } from '@playwright/test';
import { expectAccessible, expectNoHorizontalScroll, signInAs } from './helpers';

// The portal's clock starts at Wednesday 4 March 2026, 10:00 (see playwright.config.ts).
// Vejen's demo team trains on Mondays at 10:00, so Karen's first session is Monday 9 March.

test.beforeEach(async ({ page, context }) => {
  await context.clearCookies();
  page.on('pageerror', (error) => {
    throw new Error(`JavaScript error on ${page.url()}: ${error.message}`);
  });
});

test('a citizen signs in, sees the overview and switches language', { tag: '@smoke' }, async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  await expect(page.getByRole('heading', { level: 1, name: 'Vedligeholdende træning' })).toBeVisible();
  await expectAccessible(page);

  await signInAs(page, 'Karen Østergaard');
  await expect(page).toHaveURL(/\/oversigt$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Din oversigt' })).toBeVisible();
  const banner = page.getByRole('banner');
  await expect(banner).toContainText('Logget ind som Karen Østergaard');
  await expect(banner).toContainText('Vejen Kommune');
  const sessions = page.getByRole('region', { name: 'Næste tider' });
  await expect(sessions.getByRole('listitem').first()).toContainText('mandag 9. marts 2026 kl. 10.00');
  await expect(page.getByRole('region', { name: 'Træningsforløb' })).toContainText('Holdtræning');
  await expect(page.getByRole('region', { name: 'Kontakt Vejen Kommune' })).toContainText('79 96 64 34');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/oversigt\??$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Your overview' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Next sessions' }).getByRole('listitem').first()).toContainText(
    'Monday 9 March 2026 at 10:00',
  );
  await expectAccessible(page);

  // Remembered on the next page and after a new visit.
  await page.goto('/kommuner');
  await expect(page.getByRole('heading', { level: 1, name: 'Municipalities and contact' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Dansk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kommuner og kontakt' })).toBeVisible();

  await page.getByRole('button', { name: 'Log ud', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('banner')).not.toContainText('Karen');
  await page.goto('/oversigt');
  await expect(page).toHaveURL(/\/log-ind$/);
});

test('a relative sees whom they act for', async ({ page }) => {
  await signInAs(page, 'Jens Østergaard');
  await expect(page).toHaveURL(/\/oversigt$/);
  await expect(page.getByRole('banner')).toContainText('Du handler for Karen Østergaard');
  await expect(page.getByRole('heading', { level: 1, name: 'Oversigt for Karen Østergaard' })).toBeVisible();
  await expectAccessible(page);
});

test('a relative switches between the citizen and themself', async ({ page }) => {
  await signInAs(page, 'Jens Østergaard');
  await page.getByRole('banner').getByRole('link', { name: 'Skift person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hvem handler du for?' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Du må: se sagen, søge, booke og melde afbud, klage, give og trække samtykker');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Handl for Jens Østergaard (dig selv)' }).click();
  await expect(page).toHaveURL(/\/oversigt$/);
  await expect(page.getByRole('banner')).not.toContainText('Du handler for');
  await page.goto('/handler-for');
  await page.getByRole('button', { name: 'Handl for Karen Østergaard' }).click();
  await expect(page.getByRole('banner')).toContainText('Du handler for Karen Østergaard');
});

test('staff see their municipality’s team sessions', async ({ page }) => {
  await signInAs(page, 'Kasper Vestergaard');
  await expect(page).toHaveURL(/\/personale$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personale – Brønderslev Kommune');
  await expect(page.getByRole('table')).toContainText('onsdag 11. marts 2026 kl. 10.00');
  await expectAccessible(page);
});

test('a municipality’s rules are one click from the contacts page and readable', async ({ page }) => {
  await page.goto('/kommuner');
  await page.getByRole('link', { name: 'Regler for vedligeholdende træning i Brønderslev Kommune' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Regler for vedligeholdende træning i Brønderslev Kommune' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Afbud' })).toContainText('senest kl. 12.00 dagen før');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rules for maintenance training in Brønderslev Kommune' })).toBeVisible();
  await expectAccessible(page);
});

test('staff preview the rules: a cancellation one second late, a session outside hours, a time that does not exist', async ({ page }) => {
  await signInAs(page, 'Kasper Vestergaard');
  await page.getByRole('link', { name: 'Regeleftervisning' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Regeleftervisning' })).toBeVisible();
  await expectAccessible(page);

  const cancel = page.getByRole('region', { name: 'Afbud: er det rettidigt?' });
  await expect(cancel.getByLabel('Kommune')).toHaveValue('broenderslev');
  await cancel.getByLabel('Træningen begynder').fill('2026-03-11T10:00');
  await cancel.getByLabel('Afbuddet kommer').fill('2026-03-10T12:00:01');
  await cancel.getByRole('button', { name: 'Beregn' }).click();
  const late = page.getByRole('region', { name: 'Afbud: er det rettidigt?' });
  await expect(late).toContainText('Sent afbud');
  await expect(late).toContainText('Afmeld senest tirsdag 10. marts 2026 kl. 12.00.');
  await expect(late).toContainText('Regel: BRS-16');
  await expect(late.getByRole('link', { name: 'Alle regler for Brønderslev Kommune' })).toHaveAttribute('href', '/regler/broenderslev');
  await expect(late.getByLabel('Afbuddet kommer')).toHaveValue('2026-03-10T12:00:01');
  await expectAccessible(page);

  const booking = page.getByRole('region', { name: 'Kan træningen ligge her?' });
  await booking.getByLabel('Kommune').selectOption('fredensborg');
  await booking.getByLabel('Træningen begynder').fill('2026-09-16T15:00');
  await booking.getByRole('button', { name: 'Beregn' }).click();
  const answer = page.getByRole('region', { name: 'Kan træningen ligge her?' });
  await expect(answer).toContainText('Tiden kan bruges');
  await expect(answer).toContainText('Uden for træningstiden 08.00–15.30.');
  await expect(answer.getByLabel('Kommune')).toHaveValue('fredensborg');

  const complaint = page.getByRole('region', { name: 'Klagefrist for en afgørelse' });
  await complaint.getByLabel('Borgeren modtog afgørelsen').fill('2026-03-29T02:30');
  await complaint.getByRole('button', { name: 'Beregn' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Der er et problem');
  await expect(summary.getByRole('link')).toHaveText(/findes ikke den dag/);
  await expect(page.getByRole('region', { name: 'Klagefrist for en afgørelse' }).getByLabel('Borgeren modtog afgørelsen')).toHaveValue('2026-03-29T02:30');
  await expectAccessible(page);

  // A decision sent as a letter counts from the letter's date (the presumption is off here).
  const letter = page.getByRole('region', { name: 'Klagefrist for en afgørelse' });
  await letter.getByLabel('Borgeren modtog afgørelsen').fill('');
  await letter.getByLabel('Eller: sendt som brev med datoen').fill('2026-03-02');
  await letter.getByRole('button', { name: 'Beregn' }).click();
  const counted = page.getByRole('region', { name: 'Klagefrist for en afgørelse' });
  await expect(counted).toContainText('Brevet regnes for modtaget på brevets dato, mandag 2. marts 2026.');
  await expect(counted).toContainText('mandag 30. marts 2026 kl. 23.59');
  await expectAccessible(page);
});

test('citizens cannot open the rules preview', async ({ page }) => {
  await signInAs(page, 'Karen Østergaard');
  await expect(page).toHaveURL(/\/oversigt$/);
  const response = await page.goto('/personale/regler');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'Ingen adgang' })).toBeVisible();
});

test('an unknown address shows a 404 page', async ({ page }) => {
  const response = await page.goto('/findes-ikke');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Siden findes ikke' })).toBeVisible();
  await expectAccessible(page);
});

test('the skip link moves to the content', async ({ page }) => {
  await page.goto('/kommuner');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Gå til indhold' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#indhold$/);
});

for (const width of [320, 640]) {
  test(`pages reflow at ${width} px wide (320 px phones; 200 % zoom of 1280 px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await signInAs(page, 'Karen Østergaard');
    for (const path of ['/', '/oversigt', '/kommuner']) {
      await page.goto(path);
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
    }
  });
}

test('on a phone the menu folds and the page heading is in the first screen', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 568 });
  await signInAs(page, 'Karen Østergaard');
  await page.goto('/traening');
  await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
  const log = page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Min log' });
  await expect(log).toBeHidden();
  // One press opens the menu, with the keyboard too, and works without JavaScript.
  const menu = page.getByText('Menu og log ud');
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(log).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log ud', exact: true })).toBeVisible();
  await expectAccessible(page);
  await log.click();
  await expect(page).toHaveURL(/\/min-log$/);
});

test('five minutes before an idle session ends, a warning offers to stay signed in', async ({ page }) => {
  test.skip(test.info().project.use.javaScriptEnabled === false, 'the warning needs a timer; without JavaScript the session just ends');
  await page.clock.install();
  await signInAs(page, 'Karen Østergaard');
  await expect(page).toHaveURL(/\/oversigt$/);
  // The warning's timer starts once the page's script has loaded.
  await page.waitForLoadState('networkidle');
  const warning = page.getByRole('alertdialog', { name: 'Er du stadig her?' });
  await expect(warning).toBeHidden();
  await page.clock.runFor('25:30');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Du bliver logget ud om 5 minutter af sikkerhedshensyn.');
  const stay = warning.getByRole('button', { name: 'Bliv logget ind' });
  await expect(stay).toBeFocused();
  await expectAccessible(page);
  await stay.click();
  await expect(warning).toBeHidden();
  await page.clock.runFor('31:00');
  await expect(warning).toContainText('Du er blevet logget ud');
  await expect(warning.getByRole('link', { name: 'Log ind igen' })).toBeVisible();
});

test('signing out on all devices ends every session of the person', async ({ browser, page }) => {
  await signInAs(page, 'Erik Mikkelsen');
  await expect(page).toHaveURL(/\/oversigt$/);
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: test.info().project.use.javaScriptEnabled });
  const otherPage = await other.newPage();
  await signInAs(otherPage, 'Erik Mikkelsen');
  await expect(otherPage).toHaveURL(/\/oversigt$/);
  await page.getByRole('button', { name: 'Log ud på alle enheder' }).click();
  await expect(page).toHaveURL(/\/$/);
  await otherPage.goto('/oversigt');
  await expect(otherPage).toHaveURL(/\/log-ind$/);
  await other.close();
});
