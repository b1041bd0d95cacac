import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser } from 'puppeteer-core';

/**
 * Flags of @sparticuz/chromium meant for serverless functions that would falsify browser tests:
 * switched-off web security would let any cross-origin request through (CORS untested), and a
 * single process dies with a second browser context.
 */
const FLAGS_THAT_FALSIFY = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

/**
 * A real headless Chromium: the binary shipped inside the @sparticuz/chromium npm package (browser
 * downloads are not possible here), or CHROMIUM_PATH. If none starts, the test fails loudly.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());
  try {
    return await puppeteer.launch({
      executablePath,
      args: chromium.args.filter((flag) => !FLAGS_THAT_FALSIFY.has(flag)),
      headless: true,
    });
  } catch (error) {
    throw new Error(
      `Headless Chromium (${executablePath}) did not start; browser tests cannot run: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
