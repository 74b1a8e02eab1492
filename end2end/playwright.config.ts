import { defineConfig } from '@playwright/test';

// The portal under test: the debug build made by `cargo leptos build`, in development mode with
// demo data and a clock that starts at a fixed instant, so dates on the pages are known.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const databaseUrl = process.env.E2E_DATABASE_URL ?? 'sqlite:///tmp/traeningsportalen-e2e.sqlite';
export const PORTAL_NOW = '2026-03-04T10:00:00+01:00';
// The stand-in MitID broker and staff provider (oidc/stand-in.mjs), a real OpenID provider.
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 4100);
const oidcIssuer = `http://localhost:${oidcPort}`;

export default defineConfig({
  testDir: './tests',
  // Per test (test.slow() triples it). Generous, because CI runs the SQLite and PostgreSQL
  // browser tests side by side on two cores; a test that waits this long has failed anyway.
  timeout: 60_000,
  // Each run its own folder, so two runs at once do not clear each other's results.
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  projects: [
    { name: 'javascript-on', use: { javaScriptEnabled: true } },
    { name: 'javascript-off', use: { javaScriptEnabled: false } },
  ],
  webServer: [
  {
    command: 'node oidc/stand-in.mjs',
    url: `${oidcIssuer}/.well-known/openid-configuration`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { OIDC_PORT: String(oidcPort), PORTAL_URL: baseURL },
  },
  {
    command: '../target/debug/server',
    url: `${baseURL}/kommuner`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORTAL_ENV: 'development',
      PORTAL_NOW,
      DATABASE_URL: databaseUrl,
      LEPTOS_OUTPUT_NAME: 'traeningsportalen',
      LEPTOS_SITE_ROOT: '../target/site',
      LEPTOS_SITE_PKG_DIR: 'pkg',
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      PORTAL_MUNICIPALITIES_DIR: '../app/municipalities',
      RUST_LOG: 'warn',
      // Many sign-ins from one address in a few minutes; production keeps the default of 20.
      PORTAL_SIGN_IN_PER_MINUTE: '1000',
      // Tasks raised every 5 seconds rather than every minute, so a test sees them soon.
      PORTAL_JOBS_EVERY_SECS: '5',
      OIDC_ISSUER: oidcIssuer,
      OIDC_CLIENT_ID: 'traeningsportalen',
      OIDC_CLIENT_SECRET: 'borger-hemmelighed',
      STAFF_OIDC_ISSUER: oidcIssuer,
      STAFF_OIDC_CLIENT_ID: 'traeningsportalen-personale',
      STAFF_OIDC_CLIENT_SECRET: 'personale-hemmelighed',
    },
  },
  ],
});
