/**
 * The web app in a real headless Chromium, against the real API (listening on a free port) and the
 * real Neo4j, with the app built from web/ (built here when missing or outdated). Every expected
 * figure is read from the API in the same test, never written down. Screenshots of each view go to
 * tests/browser/screenshots/ (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { type EditingFixture, editingFixture, graphState, testSource } from '../helpers/editing.js';

const screenshots = path.join(import.meta.dirname, 'screenshots');
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let fx: EditingFixture;
let browser: Browser;
let base: string;
/** Every test's tabs are closed after it, so no live change stream outlives its test. */
const contexts: BrowserContext[] = [];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The API's own answer, as a dashboard would read it. */
async function apiGet<T>(url: string, role?: 'viewer' | 'editor'): Promise<T> {
  const response = await fx.app.inject({ url, headers: role ? fx.as(role) : {} });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json() as T;
}

/** A fresh tab in its own browser context (its own sessionStorage), failing on page errors and CSP violations. */
async function openPage(width = 1280): Promise<Page & { problems: string[] }> {
  const context = await browser.createBrowserContext();
  contexts.push(context);
  const page = (await context.newPage()) as Page & { problems: string[] };
  page.problems = [];
  await page.setViewport({ width, height: 900 });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e instanceof Error ? e.message : String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) page.problems.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    // Streams end when the tab closes; a request whose response arrived is no failure of the app (Chromium reported a
    // DELETE as aborted after its 204 had arrived).
    if (r.url().includes('/v1/changes/stream') || r.response()) return;
    page.problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) page.problems.push(`external request: ${r.url()}`);
  });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return page;
}

async function goto(page: Page, hash: string): Promise<void> {
  if (page.url().startsWith(base)) {
    await page.evaluate((h) => {
      location.hash = h;
    }, hash);
  } else {
    await page.goto(`${base}/${hash}`, { waitUntil: 'domcontentloaded' });
  }
}

const textOf = (page: Page, selector: string) =>
  page.$eval(selector, (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());

/** axe-core in the page (run over CDP, so the page's CSP does not block it): no serious or critical violation. */
async function expectAccessible(page: Page, view: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3) }));
  })) as Violation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `${view}: ${JSON.stringify(bad, null, 1)}`).toEqual([]);
}

async function expectClean(page: Page & { problems: string[] }, view: string): Promise<void> {
  const csp = await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
  expect(csp, `${view}: CSP violations`).toEqual([]);
  expect(page.problems, `${view}: problems`).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) as `${string}.png` });
}

/**
 * Chooses `value` in the select `selector`. A link form shows a text input for the other end until
 * its list of choices has loaded, then a select: wait for the select holding that option.
 */
async function choose(page: Page, selector: string, value: string): Promise<void> {
  await page.waitForSelector(`select${selector} option[value=${JSON.stringify(value)}]`);
  await page.select(selector, value);
}

/** Clicks the button of the main area showing `text`, once it is drawn. */
async function clickButton(page: Page, text: string, within = 'main'): Promise<void> {
  const button = await page.waitForFunction(
    (scope, label) => [...document.querySelectorAll(`${scope} button`)].find((b) => b.textContent === label),
    {},
    within,
    text,
  );
  await (button.asElement() as ElementHandle<Element>).click();
}

async function signIn(page: Page, key: string): Promise<void> {
  await goto(page, '#/sign-in');
  await page.waitForSelector('#api-key');
  // A new view moves the focus to its heading once drawn; typing before that would lose keys.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  await page.type('#api-key', key);
  expect(await page.$eval('#api-key', (input) => (input as HTMLInputElement).value)).toBe(key);
  await page.click('form.sign-in button[type=submit]');
  await page.waitForSelector('#signed-in-as, #api-key-error');
  expect(await page.$('#api-key-error'), 'sign-in refused').toBeNull();
}

beforeAll(async () => {
  // The app under test is the current one: built here when web/dist is missing or older than web/.
  const build = spawnSync(process.execPath, ['tools/ensure-web-build.mjs'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`web app build failed:\n${build.stdout}\n${build.stderr}`);
  fs.mkdirSync(screenshots, { recursive: true });
  fx = await editingFixture();
  await fx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(fx.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 240_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await fx?.close();
});

describe('the web app, served at /', () => {
  it('is served with a strict page policy, next to the API and Swagger UI', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await index.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect((await fetch(`${base}/docs`)).status).toBeLessThan(400);
    expect((await fetch(`${base}/v1/coverage`)).headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${base}/v1/no-such-route`)).status).toBe(404);
  });

  it('overview shows the coverage and gap counts the API reports', async () => {
    const coverage = (await apiGet<{ data: any }>('/v1/coverage')).data;
    const gaps = (await apiGet<{ meta: { counts: Record<string, number> } }>('/v1/gaps')).meta.counts;
    const page = await openPage();
    await goto(page, '#/');
    await page.waitForSelector('#coverage-objectives tbody tr');
    expect(await textOf(page, '[data-figure=commitments-with-line]')).toBe(
      `${coverage.totals.withActionLine} of ${coverage.totals.commitments} GDC commitments have an action line`,
    );
    expect(await textOf(page, '[data-figure=targets-supported]')).toContain(
      `${coverage.totals.supportedTargets} of ${coverage.totals.targets}`,
    );
    for (const o of coverage.objectives) {
      expect(await textOf(page, `#coverage-objectives tr[data-id="${o.id}"] [data-cell=with-line]`)).toBe(
        String(o.withActionLine),
      );
      expect(await textOf(page, `#coverage-objectives tr[data-id="${o.id}"] [data-cell=with-entity]`)).toBe(
        String(o.withResponsibleEntity),
      );
    }
    for (const s of coverage.sdgs) {
      expect(await textOf(page, `#coverage-sdgs tr[data-id="${s.id}"] [data-cell=supported]`)).toBe(
        String(s.supported),
      );
    }
    await page.waitForSelector('#gap-counts li');
    for (const [kind, count] of Object.entries(gaps)) {
      if (kind === 'entity-workload') continue;
      expect(await textOf(page, `#gap-counts li[data-kind="${kind}"] .figure`)).toBe(String(count));
    }
    expect(await page.$eval('#changes-h + p', (e) => e.textContent)).toContain('Sign in');
    await screenshot(page, 'overview');
    await expectAccessible(page, 'overview');
    await expectClean(page, 'overview');
  });

  it('matrix shows the same cells as GET /v1/matrix, on every pivot tried, and a cell panel shows its sources', async () => {
    const page = await openPage();
    const started = performance.now();
    await page.goto(`${base}/#/matrix`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('table.matrix td[data-row]');
    const timing = await page.evaluate(() => ({
      rendered: performance.getEntriesByName('matrix-rendered')[0]?.startTime ?? -1,
      api: performance.getEntriesByType('resource').find((r) => r.name.includes('/v1/matrix'))?.duration ?? -1,
    }));
    console.log(
      `[browser] matrix first render: ${Math.round(timing.rendered)} ms after navigation start (browser clock), ` +
        `of which GET /v1/matrix ${Math.round(timing.api)} ms; ${Math.round(performance.now() - started)} ms seen from the test`,
    );

    for (const query of [
      'rows=action-lines&cols=gdc-commitments',
      'rows=entities&cols=action-lines',
      'rows=action-lines&cols=sdgs&derived=true',
    ]) {
      const matrix = (await apiGet<{ data: any }>(`/v1/matrix?${query}`)).data;
      await goto(page, `#/matrix?${query}`);
      await page.waitForFunction(
        (rows, cols) => {
          const t = document.querySelector('table.matrix');
          return t?.getAttribute('data-rows') === String(rows) && t.getAttribute('data-cols') === String(cols);
        },
        {},
        matrix.rows.length,
        matrix.columns.length,
      );
      const shown = await page.$$eval('table.matrix td[data-row]', (tds) =>
        tds.map((td) => `${td.getAttribute('data-row')}|${td.getAttribute('data-col')}|${td.textContent}`).sort(),
      );
      const expected = matrix.cells.map((c: any) => `${c.row}|${c.column}|${c.links.length || '·'}`).sort();
      expect(shown, query).toEqual(expected);
      const headers = await page.$$eval('table.matrix thead th.col-head', (ths) => ths.map((th) => th.textContent));
      expect(headers).toEqual(matrix.columns.map((c: any) => c.id));
    }

    // A cell with sourced links: its panel names every link's source document and locator.
    const matrix = (await apiGet<{ data: any }>('/v1/matrix?rows=action-lines&cols=gdc-commitments')).data;
    const cell = matrix.cells.find((c: any) => c.links.length > 0 && c.links.every((l: any) => l.source));
    expect(cell, 'the seeded matrix has a cell with sourced links').toBeTruthy();
    await goto(page, '#/matrix?rows=action-lines&cols=gdc-commitments');
    await page.waitForSelector(`td[data-row="${cell.row}"][data-col="${cell.column}"] button`);
    // By keyboard: focus the cell, press Enter; the panel opens and takes the focus.
    await page.focus(`td[data-row="${cell.row}"][data-col="${cell.column}"] button`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#cell-panel');
    const panel = await textOf(page, '#cell-panel');
    for (const link of cell.links) {
      expect(panel).toContain(link.source.document);
      expect(panel).toContain(link.source.locator);
      expect(panel).toContain(link.status);
    }
    for (const entity of cell.entities) expect(panel).toContain(`${entity.id}: ${entity.role}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cell-panel-h');
    // The panel is part of the URL: a shared link opens the same cell.
    expect(page.url()).toContain(`cellRow=${encodeURIComponent(cell.row)}`);
    await screenshot(page, 'matrix');
    await expectAccessible(page, 'matrix with cell panel');
    await expectClean(page, 'matrix');

    // Phone width: the matrix scrolls inside its own box, with sticky headers.
    const phone = await openPage(390);
    await phone.goto(`${base}/#/matrix?rows=action-lines&cols=sdg-targets`, { waitUntil: 'domcontentloaded' });
    await phone.waitForSelector('table.matrix td[data-row]');
    const layout = await phone.$eval('.matrix-wrap', (wrap) => ({
      scrolls: wrap.scrollWidth > wrap.clientWidth,
      page: document.documentElement.scrollWidth <= window.innerWidth + 1,
      sticky: getComputedStyle(wrap.querySelector('thead th')!).position,
      stickyRow: getComputedStyle(wrap.querySelector('th.row-head')!).position,
    }));
    expect(layout).toEqual({ scrolls: true, page: true, sticky: 'sticky', stickyRow: 'sticky' });
    await screenshot(phone, 'matrix-phone');
  });

  it('gaps, detail pages and sign-in pass axe-core and show the API data', async () => {
    const gaps = (await apiGet<{ data: Record<string, { label: string }[]> }>('/v1/gaps')).data;
    const page = await openPage();
    await goto(page, '#/gaps');
    await page.waitForSelector('section[data-kind] h2');
    for (const [kind, items] of Object.entries(gaps)) {
      expect(await textOf(page, `section[data-kind="${kind}"] h2 .figure`)).toBe(String(items.length));
      expect(await page.$$eval(`section[data-kind="${kind}"] .gap-items li`, (l) => l.length)).toBe(items.length);
    }
    await screenshot(page, 'gaps');
    await expectAccessible(page, 'gaps');
    // Printed, the page keeps its content and drops navigation and controls.
    await page.emulateMediaType('print');
    expect(await page.$eval('header.site nav', (n) => getComputedStyle(n).display)).toBe('none');
    expect(await page.$eval('main', (m) => getComputedStyle(m).display)).toBe('block');
    await page.emulateMediaType('screen');

    const lines = (await apiGet<{ data: { id: string }[] }>('/v1/action-lines?limit=500')).data;
    const line = (await apiGet<{ data: any }>(`/v1/action-lines/${lines[0]!.id}`)).data;
    const entityId = line.facilitators[0]?.entityId ?? 'ITU';
    const entity = (await apiGet<{ data: any }>(`/v1/entities/${encodeURIComponent(entityId)}`)).data;
    const commitment = (await apiGet<{ data: { id: string }[] }>('/v1/gdc/commitments?limit=1')).data[0]!;
    const views: [string, string, string][] = [
      ['action-line', `#/action-lines/${line.id}`, line.title],
      ['commitment', `#/commitments/${commitment.id}`, 'Responsible entities'],
      ['sdg', '#/sdgs/9', 'Targets'],
      ['target', '#/targets/9.1', 'Action lines supporting it'],
      ['entity', `#/entities/${encodeURIComponent(entityId)}`, 'Workload'],
      ['sign-in', '#/sign-in', 'API key'],
    ];
    for (const [name, hash, text] of views) {
      await goto(page, hash);
      await page.waitForFunction((t) => document.querySelector('main')?.textContent?.includes(t), {}, text);
      await screenshot(page, name);
      await expectAccessible(page, name);
    }
    // The entity's workload counts what the API lists for it.
    await goto(page, `#/entities/${encodeURIComponent(entityId)}`);
    await page.waitForSelector('#workload');
    for (const role of ['lead', 'co', 'partner']) {
      expect(await textOf(page, `#workload tr[data-role=${role}] td.num`)).toBe(
        String(entity.facilitates.filter((f: any) => f.role === role).length),
      );
    }
    await expectClean(page, 'gaps and detail pages');
  });

  it('data quality shows the counts and lists GET /v1/quality reports, and passes axe-core', async () => {
    const q = (await apiGet<{ data: any }>('/v1/quality')).data;
    const page = await openPage();
    await goto(page, '#/quality');
    await page.waitForSelector('#quality-commitments');
    expect(await textOf(page, '#quality-commitments')).toContain(
      `${q.commitments.unverified} of ${q.commitments.total} unverified`,
    );
    expect(await textOf(page, '#quality-links')).toContain(`${q.links.unverified} of ${q.links.total} unverified`);
    const items = (section: string, issue: string) =>
      page.$$eval(`section[aria-labelledby="${section}"] section[data-issue="${issue}"] li a`, (l) =>
        l.map((a) => a.textContent),
      );
    expect(await items('quality-commitments', 'unverified')).toEqual(q.commitments.lists.unverified);
    expect(await items('quality-commitments', 'citing no SDG')).toEqual(q.commitments.lists.withoutSdgs);
    expect(await items('quality-entities', 'unverified and leading')).toEqual(
      q.entities.lists.unverifiedLeading.map((e: { id: string }) => e.id),
    );
    expect(await page.$$eval('section[aria-labelledby="quality-history"] tbody tr', (r) => r.length)).toBe(
      q.history.length,
    );
    await screenshot(page, 'quality');
    await expectAccessible(page, 'quality');
    await expectClean(page, 'quality');
  });
});

describe('editing in the web app', () => {
  it('a viewer key reads the change log but sees no edit controls', async () => {
    const page = await openPage();
    await signIn(page, fx.keys.viewer.key);
    expect(await textOf(page, '#signed-in-as')).toBe(`${fx.keys.viewer.name} (viewer)`);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(page.url()).not.toContain(fx.keys.viewer.key);
    await goto(page, '#/action-lines/C2');
    await page.waitForSelector('#facilitators');
    const buttons = await page.$$eval('main button', (bs) => bs.map((b) => b.textContent));
    expect(buttons).toEqual([]);
    expect(await page.$('form.edit-form')).toBeNull();
    await goto(page, '#/changes');
    await page.waitForSelector('form.filters');
    // Sign-out forgets the key.
    await page.click('header.site .who button');
    await page.waitForFunction(() => !document.querySelector('#signed-in-as'));
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await expectClean(page, 'viewer');
  });

  it('the change log and the overview update live when someone else writes', async () => {
    const page = await openPage();
    await signIn(page, fx.keys.viewer.key);
    await goto(page, '#/changes');
    await page.waitForSelector('form.filters');
    const overview = await openPage();
    await signIn(overview, fx.keys.viewer.key);
    await overview.waitForSelector('#changes-h');
    // Give both pages time to open their streams before the write (the stream starts at the current revision).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const write = await fx.app.inject({
      method: 'PUT',
      url: '/v1/action-lines/C3/sdg-targets/4.4',
      headers: fx.as('editor'),
      payload: { source: testSource, reason: 'Written while the change log is open' },
    });
    expect(write.statusCode, write.body).toBe(201);
    const [change] = (await apiGet<{ data: { id: string }[] }>('/v1/changes?limit=1', 'viewer')).data;
    await page.waitForSelector(`li[data-change="${change!.id}"]`, { timeout: 15_000 });
    await overview.waitForSelector(`li[data-change="${change!.id}"]`, { timeout: 15_000 });
    expect(await textOf(page, `li[data-change="${change!.id}"]`)).toContain('Written while the change log is open');
    await expectClean(page, 'live change log');
  });

  it('an editor assigns a co-facilitator; it shows in the matrix, the entity page and the change log (and in the API)', async () => {
    const line = (await apiGet<{ data: any }>('/v1/action-lines/C2')).data;
    const taken = new Set(line.facilitators.map((f: any) => f.entityId));
    const entities = (await apiGet<{ data: { id: string }[] }>('/v1/entities?limit=500')).data;
    const newcomer = entities.find((e) => !taken.has(e.id))!.id;

    const page = await openPage();
    await signIn(page, fx.keys.editor.key);
    await goto(page, '#/action-lines/C2');
    await page.waitForSelector('#facilitators');
    await page.$$eval('main button', (bs) =>
      (bs.find((b) => b.textContent === 'Assign a facilitator') as HTMLElement).click(),
    );
    await page.waitForSelector('form[data-form=facilitator]');

    // Validation before sending: nothing reaches the API.
    const before = await graphState(fx.driver);
    await page.click('form[data-form=facilitator] button[type=submit]');
    await page.waitForSelector('form[data-form=facilitator] .field-error');
    const fieldErrors = await page.$$eval('form[data-form=facilitator] .field.invalid label', (ls) =>
      ls.map((l) => l.textContent),
    );
    expect(fieldErrors).toEqual(['Entity', 'Document', 'Locator', 'Reason for this change']);
    expect(await graphState(fx.driver)).toEqual(before);
    await screenshot(page, 'edit-form-errors');
    await expectAccessible(page, 'edit form with errors');

    await choose(page, '#facilitator-new-other', newcomer);
    await page.select('#facilitator-new-role', 'co');
    await page.type('#facilitator-new-document', testSource.document);
    await page.type('#facilitator-new-locator', testSource.locator);
    await page.type('#facilitator-new-reason', 'Agreed at the UNGIS meeting');
    // An address the form lets through but the API refuses: the problem's errors[] entry shows at the URL field.
    await page.type('#facilitator-new-url', 'https://[not-a-host');
    await page.click('form[data-form=facilitator] button[type=submit]');
    await page.waitForSelector('#facilitator-new-url-error');
    expect(
      await page.$$eval('form[data-form=facilitator] .field.invalid label', (ls) => ls.map((l) => l.textContent)),
    ).toEqual(['URL (optional)']);
    expect(await graphState(fx.driver)).toEqual(before);
    await page.$eval('#facilitator-new-url', (input) => {
      (input as HTMLInputElement).value = '';
    });
    await page.type('#facilitator-new-url', testSource.url);
    await page.click('form[data-form=facilitator] button[type=submit]');
    await page.waitForSelector(`#facilitators li[data-entity="${newcomer}"][data-role=co]`);

    // The API agrees: the matrix cell and the change log.
    const matrix = (
      await apiGet<{ data: any }>(`/v1/matrix?rows=action-lines&cols=entities&entity=${encodeURIComponent(newcomer)}`)
    ).data;
    const cell = matrix.cells.find((c: any) => c.row === 'C2' && c.column === newcomer);
    expect(cell.entities).toEqual([{ id: newcomer, role: 'co' }]);
    const changes = (await apiGet<{ data: any[] }>('/v1/changes?limit=1', 'viewer')).data;
    expect(changes[0]).toMatchObject({
      actor: fx.keys.editor.name,
      target: `action-lines/C2/facilitators/${newcomer}`,
    });

    // ...and so does the app, on three views.
    await goto(page, `#/matrix?rows=action-lines&cols=entities`);
    await page.waitForSelector(`td[data-row=C2][data-col="${newcomer}"] button`);
    await page.click(`td[data-row=C2][data-col="${newcomer}"] button`);
    await page.waitForSelector('#cell-panel');
    expect(await textOf(page, '#cell-panel')).toContain(`${newcomer}: co`);
    await goto(page, `#/entities/${encodeURIComponent(newcomer)}`);
    await page.waitForSelector('#entity-lines li[data-line=C2][data-role=co]');
    await goto(page, '#/changes');
    await page.waitForSelector(`li[data-change="${changes[0].id}"]`);
    expect(await textOf(page, `li[data-change="${changes[0].id}"]`)).toContain('Agreed at the UNGIS meeting');
    await screenshot(page, 'changes');
    await expectAccessible(page, 'change log');
    await expectClean(page, 'editor');
  });

  it('an editor endorses a proposed link, then removes it with a reason', async () => {
    const page = await openPage();
    await signIn(page, fx.keys.editor.key);
    await goto(page, '#/action-lines/C2');
    await page.waitForSelector('#facilitators');
    const line = (await apiGet<{ data: any }>('/v1/action-lines/C2')).data;
    const proposed = line.facilitators.find((f: any) => f.status === 'proposed' && f.role !== 'lead');
    expect(proposed, 'C2 has a proposed facilitator by now').toBeTruthy();
    const id = proposed.entityId as string;
    const item = `#facilitators li[data-entity="${id}"]`;

    await page.$$eval(
      `${item} button`,
      (bs, name) => (bs.find((b) => b.textContent === `Change ${name}`) as HTMLElement).click(),
      id,
    );
    await page.waitForSelector(`${item} form[data-form=facilitator]`);
    await page.$eval(`${item} form select[id$="-status"]`, (s) => {
      (s as HTMLSelectElement).value = 'endorsed';
      s.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.type(`${item} form input[id$="-reason"]`, 'Endorsed at the UNGIS meeting');
    await page.click(`${item} form button[type=submit]`);
    await page.waitForSelector(`${item} .badge.status-endorsed`);
    const endorsed = (await apiGet<{ data: any }>('/v1/action-lines/C2')).data.facilitators.find(
      (f: any) => f.entityId === id,
    );
    expect(endorsed).toMatchObject({ status: 'endorsed', role: proposed.role, source: proposed.source });

    await page.$$eval(
      `${item} button`,
      (bs, name) => (bs.find((b) => b.textContent === `Remove ${name}`) as HTMLElement).click(),
      id,
    );
    await page.type(`${item} .inline-form input`, 'Withdrawn by the entity');
    await page.click(`${item} .inline-form button[type=submit]`);
    await page.waitForFunction((sel) => !document.querySelector(sel), {}, item);
    const after = (await apiGet<{ data: any }>('/v1/action-lines/C2')).data;
    expect(after.facilitators.some((f: any) => f.entityId === id)).toBe(false);
    const [change] = (await apiGet<{ data: any[] }>('/v1/changes?limit=1', 'viewer')).data;
    expect(change).toMatchObject({ target: `action-lines/C2/facilitators/${id}`, reason: 'Withdrawn by the entity' });
    await expectAccessible(page, 'after removal');
    await expectClean(page, 'endorse and remove');
  });

  it('a stale page (412) shows what changed meanwhile and re-applies on request', async () => {
    const page = await openPage();
    await signIn(page, fx.keys.editor.key);
    await goto(page, '#/commitments/11a');
    await page.waitForSelector('#responsible');
    const line = (await apiGet<{ data: any }>('/v1/gdc/commitments/11a')).data;
    const taken = new Set(line.responsibleEntities.map((r: any) => r.entityId));
    const entities = (await apiGet<{ data: { id: string }[] }>('/v1/entities?limit=500')).data;
    const [mine, theirs] = entities.filter((e) => !taken.has(e.id)).map((e) => e.id);

    // Someone else writes after the page was loaded.
    const other = await fx.app.inject({
      method: 'PUT',
      url: `/v1/gdc/commitments/11a/responsible/${encodeURIComponent(theirs!)}`,
      headers: fx.as('admin'),
      payload: { role: 'contributor', source: testSource, reason: 'Written meanwhile by someone else' },
    });
    expect(other.statusCode).toBe(201);

    await page.$$eval('main button', (bs) =>
      (bs.find((b) => b.textContent === 'Assign a responsible entity') as HTMLElement).click(),
    );
    await page.waitForSelector('form[data-form=responsible]');
    await choose(page, '#responsible-new-other', mine!);
    await page.type('#responsible-new-document', testSource.document);
    await page.type('#responsible-new-locator', testSource.locator);
    await page.type('#responsible-new-reason', 'My assignment');
    await page.click('form[data-form=responsible] button[type=submit]');
    await page.waitForSelector('[data-conflict="412"]');
    expect(await textOf(page, '[data-conflict="412"]')).toContain('Written meanwhile by someone else');
    const afterConflict = (await apiGet<{ data: any }>('/v1/gdc/commitments/11a')).data;
    expect(afterConflict.responsibleEntities.some((r: any) => r.entityId === mine)).toBe(false);
    await screenshot(page, 'conflict-412');
    await expectAccessible(page, '412 note');

    await page.$$eval('[data-conflict="412"] button', (bs) => (bs[0] as HTMLElement).click());
    await page.waitForSelector(`#responsible li[data-entity="${mine}"]`);
    const after = (await apiGet<{ data: any }>('/v1/gdc/commitments/11a')).data;
    expect(after.responsibleEntities.find((r: any) => r.entityId === mine)).toMatchObject({
      role: 'co',
      status: 'proposed',
    });
    await expectClean(page, '412');
  });

  it('a second lead (409) names the current lead and replaces it on request', async () => {
    const lines = (await apiGet<{ data: { id: string }[] }>('/v1/action-lines?limit=500')).data;
    let target: { id: string; lead: string; taken: Set<string> } | undefined;
    for (const { id } of lines) {
      const line = (await apiGet<{ data: any }>(`/v1/action-lines/${id}`)).data;
      const lead = line.facilitators.find((f: any) => f.role === 'lead');
      if (lead) {
        target = { id, lead: lead.entityId, taken: new Set(line.facilitators.map((f: any) => f.entityId)) };
        break;
      }
    }
    expect(target, 'the seed has an action line with a lead').toBeTruthy();
    const entities = (await apiGet<{ data: { id: string }[] }>('/v1/entities?limit=500')).data;
    const challenger = entities.find((e) => !target!.taken.has(e.id))!.id;

    const page = await openPage();
    await signIn(page, fx.keys.editor.key);
    await goto(page, `#/action-lines/${target!.id}`);
    await page.waitForSelector('#facilitators');
    await page.$$eval('main button', (bs) =>
      (bs.find((b) => b.textContent === 'Assign a facilitator') as HTMLElement).click(),
    );
    await choose(page, '#facilitator-new-other', challenger);
    await page.select('#facilitator-new-role', 'lead');
    await page.type('#facilitator-new-document', testSource.document);
    await page.type('#facilitator-new-locator', testSource.locator);
    await page.type('#facilitator-new-reason', 'New lead agreed');
    await page.click('form[data-form=facilitator] button[type=submit]');
    await page.waitForSelector('[data-conflict="409"]');
    expect(await textOf(page, '[data-conflict="409"]')).toContain(`${target!.lead} is already the lead`);
    await screenshot(page, 'conflict-409');
    await expectAccessible(page, '409 note');

    await page.$$eval('[data-conflict="409"] button', (bs) => (bs[0] as HTMLElement).click());
    await page.waitForSelector(`#facilitators li[data-entity="${challenger}"][data-role=lead]`);
    const line = (await apiGet<{ data: any }>(`/v1/action-lines/${target!.id}`)).data;
    const roles = Object.fromEntries(line.facilitators.map((f: any) => [f.entityId, f.role]));
    expect([roles[challenger], roles[target!.lead]]).toEqual(['lead', 'co']);
    await expectClean(page, '409');
  });
});

describe('versions, activities and the annual report in the web app', () => {
  it('shows the versions, the diff since one, the activities (also on the pages they serve) and the report links', async () => {
    const admin = async (method: 'POST' | 'PUT', url: string, payload: Record<string, unknown>) => {
      const response = await fx.app.inject({ method, url, headers: fx.as('admin'), payload });
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
      return response.json().data;
    };
    const activity = await admin('POST', '/v1/activities', {
      title: 'Browser test activity',
      lead: 'ITU',
      actionLines: ['C2'],
      commitments: ['11a'],
      start: '2026',
      due: '2026-Q4',
      indicators: [{ name: 'Workshops', unit: 'workshops', baseline: 0, target: 3 }],
      source: testSource,
    });
    const version = await admin('POST', '/v1/versions', { name: `browser test ${Date.now()}` });
    await admin('PUT', '/v1/action-lines/C2/commitments/13a', { source: testSource, rationale: 'after the version' });
    const versions = (await apiGet<{ data: unknown[] }>('/v1/versions')).data;
    const activities = (await apiGet<{ data: unknown[] }>('/v1/activities?limit=500')).data;
    const diff = (await apiGet<{ data: any }>(`/v1/diff?from=${version.id}`)).data;
    const diffItems =
      diff.links.added.length +
      diff.links.removed.length +
      diff.links.changed.length +
      diff.nodes.added.length +
      diff.nodes.changed.length;
    expect(diffItems).toBeGreaterThan(0);

    const page = await openPage();
    await goto(page, `#/roadmap?from=${version.id}`);
    await page.waitForSelector('#versions tbody tr');
    await page.waitForSelector('#activities tbody tr');
    await page.waitForSelector('section[data-section=diff] li');
    expect(await page.$$eval('#versions tbody tr', (r) => r.length)).toBe(versions.length);
    expect(await page.$$eval('#activities tbody tr', (r) => r.length)).toBe(activities.length);
    expect(await page.$$eval('section[data-section=diff] ul li', (r) => r.length)).toBe(diffItems);
    expect(await textOf(page, 'section[data-section=diff]')).toContain('Link added: ALIGNS_WITH C2 → 13a');
    const reportLinks = await page.$$eval('a[href^="/v1/reports/annual/"]', (as) =>
      as.map((a) => a.getAttribute('href')),
    );
    expect(reportLinks).toHaveLength(4);
    for (const link of reportLinks) {
      expect((await fx.app.inject({ url: link! })).statusCode, link!).toBe(200);
    }
    await screenshot(page, 'roadmap');
    await expectAccessible(page, 'roadmap');

    await goto(page, `#/activities/${activity.id}`);
    await page.waitForFunction(() => document.querySelector('main')?.textContent?.includes('Browser test activity'));
    await expectAccessible(page, 'activity');
    await goto(page, '#/action-lines/C2');
    await page.waitForSelector('section[data-section=activities] li');
    expect(await textOf(page, 'section[data-section=activities]')).toContain(`${activity.id} Browser test activity`);
    await expectClean(page, 'roadmap');
  });
});

describe('editing activities and progress in the web app', () => {
  it('an editor records an activity (field errors from the form and the API), edits it with If-Match, reports progress, and a closed year refuses', async () => {
    const api = async (method: 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) => {
      const response = await fx.app.inject({ method, url, headers: fx.as('admin'), payload: payload ?? {} });
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
      return response.json().data;
    };
    const year = 2031;
    await api('POST', '/v1/reporting-cycles', { year });
    const labelsInvalid = (form: string) =>
      page.$$eval(`form[data-form=${form}] .field.invalid label`, (ls) => ls.map((l) => l.textContent));

    const page = await openPage();
    await signIn(page, fx.keys.editor.key);
    await goto(page, '#/roadmap');
    await page.waitForSelector('#acts-h');
    await clickButton(page, 'Record an activity');
    await page.waitForSelector('form[data-form=activity]');

    // The form's own checks: nothing is sent.
    const before = await graphState(fx.driver);
    await page.click('form[data-form=activity] button[type=submit]');
    await page.waitForSelector('form[data-form=activity] .field-error');
    expect(await labelsInvalid('activity')).toEqual([
      'Title',
      'Lead entity',
      'Start',
      'Due',
      'Document',
      'Locator',
      'Reason for this change',
    ]);

    await page.type('#activity-new-title', 'Browser-edited workshops');
    await choose(page, '#activity-new-lead', 'ITU');
    await page.type('#activity-new-partners', 'No Such Entity');
    await page.type('#activity-new-actionLines', 'C2');
    await page.type('#activity-new-commitments', '11a');
    await page.type('#activity-new-start', '2027');
    await page.type('#activity-new-due', '2026');
    await clickButton(page, 'Add an indicator');
    await page.type('#activity-new-indicator-0-name', 'Workshops held');
    await page.type('#activity-new-indicator-0-unit', 'workshops');
    await page.type('#activity-new-indicator-0-baseline', '0');
    await page.type('#activity-new-indicator-0-target', '4');
    await page.type('#activity-new-document', testSource.document);
    await page.type('#activity-new-locator', testSource.locator);
    await page.type('#activity-new-reason', 'Road map received from the facilitator');

    // The API's 400 (due before start), then its 422 (unknown partner), each next to its field.
    await page.click('form[data-form=activity] button[type=submit]');
    await page.waitForSelector('#activity-new-due-error');
    expect(await labelsInvalid('activity')).toEqual(['Due']);
    expect(await textOf(page, '#activity-new-due-error')).toContain('must not be before start');
    await page.$eval('#activity-new-due', (input) => {
      (input as HTMLInputElement).value = '';
    });
    await page.type('#activity-new-due', '2028-Q2');
    await page.click('form[data-form=activity] button[type=submit]');
    await page.waitForSelector('#activity-new-partners-error');
    expect(await labelsInvalid('activity')).toEqual(['Partner entities (optional)']);
    expect(await textOf(page, '#activity-new-partners-error')).toBe('unknown entity No Such Entity');
    expect(await graphState(fx.driver)).toEqual(before);
    await screenshot(page, 'activity-form-errors');
    await expectAccessible(page, 'activity form with errors');

    await page.$eval('#activity-new-partners', (input) => {
      (input as HTMLInputElement).value = '';
    });
    await page.type('#activity-new-partners', 'UNDP');
    await page.click('form[data-form=activity] button[type=submit]');
    await page.waitForFunction(() => /^#\/activities\/A\d+$/.test(location.hash));
    const id = (await page.evaluate(() => location.hash)).replace('#/activities/', '');
    await page.waitForSelector('#activity-facts');
    const created = (await apiGet<{ data: any }>(`/v1/activities/${id}`)).data;
    expect(created).toMatchObject({
      title: 'Browser-edited workshops',
      lead: 'ITU',
      partners: ['UNDP'],
      actionLines: ['C2'],
      commitments: ['11a'],
      start: '2027',
      due: '2028-Q2',
      status: 'planned',
      indicators: [{ name: 'Workshops held', unit: 'workshops', baseline: 0, target: 4 }],
      createdBy: fx.keys.editor.name,
    });
    expect(await textOf(page, '#activity-facts [data-field=partners]')).toBe('UNDP');

    // Edit with If-Match: someone else changes the activity meanwhile, so the save is refused (412) and re-applied.
    await clickButton(page, 'Change this activity');
    await page.waitForSelector(`#activity-${id}-status`);
    await page.select(`#activity-${id}-status`, 'in-progress');
    await page.type(`#activity-${id}-reason`, 'Started in January');
    await api('PATCH', `/v1/activities/${id}`, { description: 'Changed by someone else', reason: 'meanwhile' });
    await page.click('form[data-form=activity] button[type=submit]');
    await page.waitForSelector('form[data-form=activity] [data-conflict="412"]');
    expect((await apiGet<{ data: any }>(`/v1/activities/${id}`)).data.status).toBe('planned');
    await clickButton(page, 'Re-apply my change', '[data-conflict="412"]');
    await page.waitForFunction(
      () => document.querySelector('#activity-facts [data-field=status]')?.textContent === 'in-progress',
    );
    // Only the changed field was sent: the other editor's description stays.
    expect((await apiGet<{ data: any }>(`/v1/activities/${id}`)).data).toMatchObject({
      status: 'in-progress',
      description: 'Changed by someone else',
    });
    const changes = (await apiGet<{ data: any[] }>('/v1/changes?limit=1', 'viewer')).data;
    expect(changes[0]).toMatchObject({
      actor: fx.keys.editor.name,
      action: 'activity.update',
      target: `activities/${id}`,
      reason: 'Started in January',
    });

    // A progress report for the open year.
    await page.waitForSelector(`section[data-year="${year}"][data-cycle=open] button`);
    await page.click(`section[data-year="${year}"] button`);
    await page.waitForSelector('form[data-form=progress]');
    await page.type(`#progress-${year}-narrative`, 'Two of four workshops held.');
    await page.type(`#progress-${year}-actual-0`, '2');
    await page.type(`#progress-${year}-evidence`, 'https://example.org/ungis/workshops');
    await page.type(`#progress-${year}-reason`, 'Yearly report');
    await page.click('form[data-form=progress] button[type=submit]');
    await page.waitForFunction(
      (y) => document.querySelector(`section[data-year="${y}"] h3`)?.textContent === `${y}: in-progress`,
      {},
      year,
    );
    expect(await textOf(page, `section[data-year="${year}"]`)).toContain('Two of four workshops held.');
    const progress = (await apiGet<{ data: any }>(`/v1/activities/${id}/progress/${year}`)).data;
    expect(progress).toMatchObject({
      status: 'in-progress',
      actuals: [{ indicator: 'Workshops held', value: 2 }],
      evidence: ['https://example.org/ungis/workshops'],
      submittedBy: fx.keys.editor.name,
    });
    await screenshot(page, 'activity');
    await expectAccessible(page, 'activity with progress');

    // The year closes while the correction form is open: the API refuses and the form says why.
    await page.click(`section[data-year="${year}"] button`);
    await page.waitForSelector('form[data-form=progress]');
    await page.type(`#progress-${year}-narrative`, ' Third one planned.');
    await page.type(`#progress-${year}-reason`, 'Correction');
    await api('POST', `/v1/reporting-cycles/${year}/close`);
    const closedAt = await graphState(fx.driver);
    await page.click('form[data-form=progress] button[type=submit]');
    // Closing the year is a write: the page's ETag is stale first (412); re-applied, the closed year refuses (409).
    await page.waitForSelector('form[data-form=progress] [data-conflict="412"]');
    await clickButton(page, 'Re-apply my change', '[data-conflict="412"]');
    await page.waitForSelector('form[data-form=progress] [data-error=form]');
    expect(await textOf(page, 'form[data-form=progress] [data-error=form]')).toMatch(
      new RegExp(`reporting cycle ${year} was closed .*read-only`),
    );
    expect(await graphState(fx.driver)).toEqual(closedAt);

    // Reloaded, the closed year is read-only: its report, a note, and no button.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector(`section[data-year="${year}"][data-cycle=closed] [data-closed="${year}"]`);
    expect(await page.$(`section[data-year="${year}"] button`)).toBeNull();
    expect(await textOf(page, `section[data-year="${year}"]`)).toContain('Two of four workshops held.');
    await expectClean(page, 'activity editing');
  });
});
