import { expect, Page, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Runs `check` on a page that can run scripts. axe-core and layout measurements are scripts; with
 * JavaScript off they cannot run in the page itself, so the same address is opened with the same
 * cookies and viewport in a scriptable twin. The portal renders every page on the server, so the
 * twin shows the same document.
 */
async function onScriptablePage(page: Page, check: (p: Page) => Promise<void>) {
  if (test.info().project.use.javaScriptEnabled !== false) {
    await check(page);
    return;
  }
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const twin = await browser.newContext({
    javaScriptEnabled: true,
    storageState: await page.context().storageState(),
    viewport: page.viewportSize(),
    baseURL: test.info().project.use.baseURL,
  });
  try {
    const twinPage = await twin.newPage();
    await twinPage.goto(page.url());
    await check(twinPage);
  } finally {
    await twin.close();
  }
}

/**
 * Keeps what the server sends for the page (a fresh GET with the same cookies), for the W3C
 * HTML checker after the run (`scripts/check-html.sh`), when HTML_CHECK_DIR is set.
 */
async function keepHtml(page: Page) {
  const dir = process.env.HTML_CHECK_DIR;
  if (!dir) return;
  const url = page.url().split('#')[0];
  const res = await page.request.get(url, { headers: { accept: 'text/html' }, maxRedirects: 0 });
  if (res.status() !== 200 || !(res.headers()['content-type'] ?? '').startsWith('text/html')) return;
  fs.mkdirSync(dir, { recursive: true });
  const name = createHash('sha1').update(url).digest('hex').slice(0, 16);
  fs.writeFileSync(path.join(dir, `${name}.html`), await res.body());
  // Which address each page is (scripts/lix.py reports citizen pages by address), beside the
  // folder so that the HTML checker reads only pages.
  fs.appendFileSync(`${dir}.pages.tsv`, `${name}.html\t${new URL(url).pathname}\n`);
}

/** axe-core on the page as it is now: no violations of WCAG 2.0/2.1 A and AA. */
export async function expectAccessible(page: Page) {
  await keepHtml(page);
  await onScriptablePage(page, async (p) => {
    const results = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(summary, `axe violations on ${p.url()}`).toEqual([]);
  });
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
  await onScriptablePage(page, async (p) => {
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${p.url()} scrolls sideways`).toBeLessThanOrEqual(0);
  });
}

/** The signed-in citizen sends a short application (gets there herself, consents); returns its reference. */
export async function sendApplication(page: Page, needs: string): Promise<string> {
  await page.goto('/ansoeg');
  await page.getByLabel('Hvad er svært for dig i hverdagen?').fill(needs);
  await page.getByLabel('Ja, jeg kan selv komme frem').check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await page.getByLabel('Jeg giver samtykke til, at kommunen behandler min ansøgning').check();
  await page.getByRole('button', { name: 'Send ansøgningen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansøgningen er sendt' })).toBeVisible();
  return (await page.locator('.reference').innerText()).trim();
}
