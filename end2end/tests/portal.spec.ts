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

test('a citizen signs in, sees the overview and switches language', async ({ page }) => {
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
  const sessions = page.getByRole('region', { name: 'Kommende træningstider' });
  await expect(sessions.getByRole('listitem').first()).toContainText('mandag 9. marts 2026 kl. 10.00');
  await expect(page.getByRole('region', { name: 'Træningsforløb' })).toContainText('Holdtræning');
  await expect(page.getByRole('region', { name: 'Kontakt Vejen Kommune' })).toContainText('79 96 64 34');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/oversigt\??$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Your overview' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Upcoming training sessions' }).getByRole('listitem').first()).toContainText(
    'Monday 9 March 2026 at 10:00',
  );
  await expectAccessible(page);

  // Remembered on the next page and after a new visit.
  await page.goto('/kommuner');
  await expect(page.getByRole('heading', { level: 1, name: 'Municipalities and contact' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Dansk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kommuner og kontakt' })).toBeVisible();

  await page.getByRole('button', { name: 'Log ud' }).click();
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
