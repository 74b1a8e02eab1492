import { expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** axe-core on the page as it is now: no violations of WCAG 2.0/2.1 A and AA. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Signs in through the development sign-in page, as a person would. */
export async function signInAs(page: Page, name: string) {
  await page.goto('/');
  await page.getByRole('link', { name: 'Log ind', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Log ind som demoperson' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log ind som demoperson' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: `Log ind som ${name}` }).click();
}

/** No content wider than the viewport (WCAG 1.4.10 reflow). */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);
}
