import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser } from 'puppeteer-core';

/**
 * The package's flags are tuned for serverless functions; these would make the tests lie or crash:
 * one process (a second browser context kills it) and switched-off web security (same-origin, CORS).
 */
const UNWANTED_FLAGS = new Set([
  '--single-process',
  '--disable-web-security',
  '--allow-running-insecure-content',
  "--headless='shell'",
]);

/**
 * A real headless Chromium for browser tests. No browser is installed on our machines and browser
 * downloads are blocked, so the Chromium binary shipped inside the @sparticuz/chromium npm package is
 * used (unpacked to the temp folder on first use); CHROMIUM_PATH picks another binary. A browser that
 * cannot start fails the test run loudly: browser tests are never skipped.
 */
export async function launchBrowser(): Promise<Browser> {
  let executablePath = process.env.CHROMIUM_PATH ?? '';
  try {
    executablePath ||= await chromium.executablePath();
    return await puppeteer.launch({
      executablePath,
      args: chromium.args.filter((flag) => !UNWANTED_FLAGS.has(flag)),
      headless: 'shell',
      defaultViewport: { width: 1280, height: 900 },
    });
  } catch (e) {
    throw new Error(
      `No headless Chromium could start (executable: ${executablePath || 'not found'}); browser tests cannot run. ` +
        `Set CHROMIUM_PATH to a Chromium binary, or reinstall @sparticuz/chromium. Cause: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
