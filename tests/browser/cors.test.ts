import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'puppeteer-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { editingFixture, testSource, type EditingFixture, entitiesNotFacilitating } from '../helpers/editing.js';

/** A dashboard page on its own origin: a second tiny HTTP server on loopback serving one HTML page. */
function servePage(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>dashboard</title><h1>Roadmap dashboard</h1>');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** What the dashboard does, in the page: read coverage, buy a stream ticket, follow the feed. */
function followFeed(page: Page, api: string, key: string) {
  return page.evaluate(
    async (base, bearer) => {
      const w = window as unknown as { seen: { id: string; target: string }[]; feedOpen: boolean; feedError: string };
      w.seen = [];
      const coverage = await (await fetch(`${base}/v1/coverage`)).json();
      const ticket = await (
        await fetch(`${base}/v1/changes/stream-tickets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}` },
        })
      ).json();
      const source = new EventSource(`${base}${ticket.streamUrl}`);
      source.addEventListener('change', (event) => {
        const message = event as MessageEvent<string>;
        w.seen.push({ id: message.lastEventId, target: JSON.parse(message.data).target });
      });
      await new Promise<void>((resolve, reject) => {
        source.onopen = () => resolve();
        source.onerror = () => reject(new Error('the change feed did not open'));
      });
      return { share: coverage.data.totals.shareTargetsSupported as number, etag: coverage.meta.etag as string };
    },
    api,
    key,
  );
}

describe('a dashboard on another origin, in a real headless Chromium', () => {
  let f: EditingFixture;
  let closedApp: FastifyInstance;
  let page: { origin: string; close: () => Promise<void> };
  let browser: Browser;
  let api: string;
  let closedApi: string;
  beforeAll(async () => {
    page = await servePage();
    f = await editingFixture({ CORS_ORIGINS: page.origin });
    api = await listen(f.app);
    closedApp = await buildTestApp(); // CORS_ORIGINS unset
    closedApi = await listen(closedApp);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await closedApp?.close();
    await f?.close();
    await page?.close();
  });

  it('reads /v1/coverage, follows the change feed through a ticket, and sees an edit made through the API', async () => {
    const tab = await browser.newPage();
    await tab.goto(page.origin);
    const read = await followFeed(tab, api, f.keys.viewer.key);
    expect(read.share).toBeGreaterThan(0);
    expect(read.etag).toMatch(/^"r\d+"$/);

    // An entity that does not facilitate C4 yet, found through the API.
    const entity = (await entitiesNotFacilitating(f.app, 'C4'))[0] as string;
    const edit = await f.app.inject({
      method: 'PUT',
      url: `/v1/action-lines/C4/facilitators/${encodeURIComponent(entity)}`,
      headers: { ...f.as('editor'), 'if-match': read.etag },
      payload: { role: 'partner', source: testSource },
    });
    expect(edit.statusCode).toBe(201);
    const revision = edit.json().meta.revision as number;
    await tab.waitForFunction(() => (window as unknown as { seen: unknown[] }).seen.length > 0, { timeout: 15_000 });
    const seen = await tab.evaluate(() => (window as unknown as { seen: { id: string; target: string }[] }).seen);
    expect(seen).toEqual([{ id: `${revision}.0`, target: `action-lines/C4/facilitators/${entity}` }]);
    await tab.close();
  });

  it('with CORS_ORIGINS unset the same page is refused', async () => {
    const tab = await browser.newPage();
    await tab.goto(page.origin);
    const outcome = await tab.evaluate(async (base) => {
      try {
        await fetch(`${base}/v1/coverage`);
        return 'read';
      } catch (error) {
        return `refused: ${(error as Error).name}`;
      }
    }, closedApi);
    expect(outcome).toBe('refused: TypeError');
    await expect(followFeed(tab, closedApi, f.keys.viewer.key)).rejects.toThrow(/Failed to fetch/);
    await tab.close();
  });
});
