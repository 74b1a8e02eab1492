import { expect, Page, test } from '@playwright/test';
import { expectAccessible } from './helpers';

/**
 * Sign-in through the stand-in MitID broker (oidc/stand-in.mjs), a real OpenID provider: its
 * login form takes a test person's name and any password.
 */
async function throughProvider(page: Page, link: string, login: string) {
  // The provider's own pages ask for web fonts; there is no internet here.
  await page.route('**/fonts.googleapis.com/**', (r) => r.abort());
  await page.goto('/log-ind');
  await expectAccessible(page);
  await page.getByRole('link', { name: link }).click();
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('test');
  await page.locator('button[type=submit]').click();
}

async function expectSignedOut(page: Page) {
  await page.goto('/oversigt');
  await expect(page).toHaveURL(/\/log-ind$/);
  await expect(page.getByRole('banner')).not.toContainText('Logget ind som');
}

/** Signs out of the portal, and of the provider on its own page, back on the front page. */
async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Log ud', exact: true }).click();
  // The provider asks whether to end its session too (RP-initiated logout).
  await page.getByRole('button', { name: /yes, sign me out/i }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  await expect(page.getByRole('banner')).not.toContainText('Logget ind som');
}

test('a citizen signs in with MitID and out again', { tag: '@smoke' }, async ({ page }) => {
  await throughProvider(page, 'Log ind med MitID', 'ida');
  await expect(page).toHaveURL(/\/oversigt$/);
  await expect(page.getByRole('banner')).toContainText('Logget ind som Ida Mortensen');
  await expect(page.getByRole('heading', { level: 1, name: 'Din oversigt' })).toBeVisible();
  await expectAccessible(page);
  await signOut(page);
  await expectSignedOut(page);
});

test('after signing out, the next sign-in on the same browser asks for the person again', async ({ page }) => {
  await throughProvider(page, 'Log ind med MitID', 'ida');
  await expect(page).toHaveURL(/\/oversigt$/);
  await signOut(page);
  // Someone else at the same computer: the provider asks who they are, it does not sign Ida in.
  await page.goto('/log-ind');
  await page.getByRole('link', { name: 'Log ind med MitID' }).click();
  await expect(page.locator('input[name=login]')).toBeVisible();
  // (A test person of the stand-in with no powers of attorney: named as their login.)
  await page.locator('input[name=login]').fill('karl');
  await page.locator('input[name=password]').fill('test');
  await page.locator('button[type=submit]').click();
  await expect(page).toHaveURL(/\/oversigt$/);
  await expect(page.getByRole('banner')).toContainText('Logget ind som karl');
  await expect(page.getByRole('banner')).not.toContainText('Ida Mortensen');
});

test('a sign-in always asks the provider for a fresh authentication, even while its session lives', async ({ page }) => {
  await throughProvider(page, 'Log ind med MitID', 'ida');
  await expect(page).toHaveURL(/\/oversigt$/);
  // The portal's session ends (say, after 30 idle minutes) while the provider's lives on.
  await page.context().clearCookies({ domain: '127.0.0.1' });
  await page.goto('/log-ind');
  await page.getByRole('link', { name: 'Log ind med MitID' }).click();
  await expect(page.locator('input[name=login]')).toBeVisible();
});

test('assurance level Low is refused with a clear page and nothing signed in', async ({ page }) => {
  await throughProvider(page, 'Log ind med MitID', 'lav');
  await expect(page).toHaveURL(/\/log-ind\/fejl\?grund=sikringsniveau$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dit MitID skal have et højere sikringsniveau' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('betydeligt eller højt sikringsniveau');
  await expectAccessible(page);
  await expectSignedOut(page);
});

for (const [login, what] of [
  ['fremmed', 'a token for another service (wrong audience)'],
  ['udloebet', 'an expired token'],
  ['nonce', 'a token with the wrong nonce'],
]) {
  test(`${what} is refused and nothing signed in`, async ({ page }) => {
    await throughProvider(page, 'Log ind med MitID', login);
    await expect(page).toHaveURL(/\/log-ind\/fejl\?grund=ugyldig$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Log ind lykkedes ikke' })).toBeVisible();
    await expectSignedOut(page);
  });
}

test('an answer with the wrong state is refused and nothing signed in', async ({ page }) => {
  await page.route('**/fonts.googleapis.com/**', (r) => r.abort());
  await page.goto('/log-ind');
  // Start a sign-in, so this browser holds a state, then come back with another one, as a forged
  // or replayed answer from the provider would.
  await page.getByRole('link', { name: 'Log ind med MitID' }).click();
  await expect(page.locator('input[name=login]')).toBeVisible();
  await page.goto('/log-ind/retur?code=stjaalet-kode&state=forfalsket');
  await expect(page).toHaveURL(/\/log-ind\/fejl\?grund=udloebet$/);
  await expect(page.getByRole('main')).toContainText('ikke startet i denne browser');
  await expectAccessible(page);
  await expectSignedOut(page);
});

test('staff sign in at their municipality’s provider and get their role', { tag: '@smoke' }, async ({ page }) => {
  await throughProvider(page, 'Log ind som medarbejder', 'medarbejder-brs');
  await expect(page).toHaveURL(/\/personale$/);
  await expect(page.getByRole('banner')).toContainText('Logget ind som Birgit Visitator (Visitator)');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personale – Brønderslev Kommune');
});

test('staff of a municipality the portal does not serve are refused', async ({ page }) => {
  await throughProvider(page, 'Log ind som medarbejder', 'medarbejder-ukendt');
  await expect(page).toHaveURL(/\/log-ind\/fejl\?grund=ingen-adgang$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Log ind lykkedes ikke' })).toBeVisible();
});
