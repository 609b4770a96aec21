// Browser smoke test of the dashboard on the BUILT product (private Redis, temp data dir):
// every view loads and draws its charts in Debian's Chromium, driven by playwright-core, with no
// console errors. Screenshots go to tests/e2e/artifacts/ (git-ignored).
import { join } from 'node:path';
import { type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, HAS_CHROMIUM, launchBrowser, NO_CHROMIUM, type BrowserSession } from './browser';
import { ensureProductBuilt, startProduct, type Product } from './product';

interface ConsoleError {
  step: string;
  text: string;
  url: string;
}

if (!HAS_CHROMIUM) {
  describe('dashboard in a browser', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('dashboard in a browser', () => {
    let product: Product;
    let browser: BrowserSession;
    let page: Page;
    let step = 'start';
    const errors: ConsoleError[] = [];
    const expected = { municipalities: 0, hospitals: 0 };
    let runId = '';

    const api = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${product.url}${path}`);
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    };
    const shot = (name: string): Promise<Buffer> =>
      page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    const count = (selector: string): Promise<number> => page.locator(selector).count();

    beforeAll(async () => {
      await ensureProductBuilt();
      product = await startProduct();
      const regions = await api<{ items: Array<{ id: string }> }>('/api/regions');
      const region = await api<{ municipalities: unknown[]; hospitals: unknown[] }>(
        `/api/regions/${regions.items[0].id}`,
      );
      expected.municipalities = region.municipalities.length;
      expected.hospitals = region.hospitals.length;
      browser = await launchBrowser();
      ({ page } = browser);
      page.setDefaultTimeout(20_000);
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error')
          errors.push({ step, text: message.text(), url: message.location().url });
      });
      page.on('pageerror', (error) => errors.push({ step, text: `uncaught: ${error.message}`, url: '' }));
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await product?.stop();
    }, 30_000);

    it('shows the default region on the home page, in Japanese, with its map and static need', async () => {
      step = 'home';
      await page.goto(`${product.url}/`);
      await page.locator('svg.region-map').waitFor();
      await page.locator('svg.need-chart').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('ja');
      expect(await count('svg.region-map path.municipality')).toBe(expected.municipalities);
      expect(await count('svg.region-map circle.hospital')).toBe(expected.hospitals);
      // the boundaries' source, as its terms ask, on the map itself
      expect(await page.locator('svg.region-map .map-credit').textContent()).toBe(
        '出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成',
      );
      expect(await count('svg.need-chart rect.bar')).toBeGreaterThan(0);
      expect(await page.locator('.inputs-banner').innerText()).toContain('合成データ');
      expect(await count('li.scenario')).toBeGreaterThan(0);
      await shot('home');
    });

    it('validates a what-if in the editor, shows an error at its field, and runs it', async () => {
      step = 'editor';
      await page.locator('header nav a[href="#/editor"]').click();
      await page.locator('.validation-status[data-state="valid"]').waitFor();
      const firstArea = await page.locator('table.area-beds').first().getAttribute('data-area');
      const recovery = page.locator(`[data-after="${firstArea}.recovery"]`);
      const before = Number((await recovery.innerText()).replace(/[^0-9]/g, ''));
      // convert 50 acute beds to recovery in the first area (a new row asks for area and beds)
      await page.locator('[data-action="add-conversion"]').click();
      const conversion = page.locator('.conversion').first();
      await conversion.locator('select[data-field$=".area"]').selectOption(firstArea ?? '');
      await conversion.locator('input[data-field$=".count"]').fill('50');
      await page.locator('.validation-status[data-state="valid"]').waitFor();
      await expect
        .poll(async () => Number((await recovery.innerText()).replace(/[^0-9]/g, '')))
        .toBe(before + 50);

      step = 'editor-invalid'; // the api answers 422 here, which Chromium logs as a failed resource
      await page.locator('input[data-field="demand"]').fill('3');
      await page.locator('.field-error[data-error-for="demand"]').waitFor();
      expect(await page.locator('input[data-field="demand"]').getAttribute('aria-invalid')).toBe('true');
      await shot('editor-error');
      await page.locator('input[data-field="demand"]').fill('1');
      await page.locator('.validation-status[data-state="valid"]').waitFor();
      expect(await count('.field-error')).toBe(0);
      step = 'editor';
      await shot('editor');

      await page.locator('[data-action="save"]').click();
      expect(await page.locator('.form-message .ok').innerText()).toMatch(/v1$/);

      await page.locator('input[data-field="run.replications"]').fill('2');
      await page.locator('input[data-field="run.horizonDays"]').fill('30');
      await page.locator('[data-action="run"]').click();
      await page.waitForURL(/#\/live\//);
      runId = decodeURIComponent(page.url().split('#/live/')[1] ?? '');
      expect(runId).not.toBe('');
    });

    it('fills the live view in as the run progresses, until it completes', async () => {
      step = 'live';
      await page.locator('svg.occupancy-chart').waitFor();
      await page.locator('.overall .state[data-state="completed"]').waitFor({ timeout: 60_000 });
      expect(await count('svg.occupancy-chart g.panel')).toBe(16);
      expect(await count('svg.occupancy-chart path.band')).toBeGreaterThan(0);
      expect(await page.locator('svg.occupancy-chart text.latest').first().textContent()).toMatch(/^n = 2 /);
      expect(Number(await page.locator('main').getAttribute('data-renders'))).toBeGreaterThan(1);
      expect(await count('.replication-list li')).toBe(2);
      await shot('live');
    }, 90_000);

    it('shows the results: one boundary per municipality, one circle per hospital, and every chart', async () => {
      step = 'results';
      await page.locator('.run-end a.button').click();
      await page.waitForURL(/#\/results\//);
      await page.locator('svg.region-map').waitFor();
      expect(await count('svg.region-map path.municipality')).toBe(expected.municipalities);
      expect(await count('svg.region-map circle.hospital')).toBe(expected.hospitals);
      expect(await count('svg.kpi-cards g.card')).toBeGreaterThan(4);
      expect(await count('svg.occupancy-chart path.band')).toBeGreaterThan(0);
      expect(await count('svg.flow-chart g.bar')).toBeGreaterThan(0);
      expect(await count('svg.need-chart rect.bar.simulated')).toBeGreaterThan(0);
      expect(await count('svg.distribution-chart g.row')).toBeGreaterThan(1);
      const renderMs = Number(await page.locator('main').getAttribute('data-render-ms'));
      console.log(`results view drawn in ${renderMs} ms after the result arrived`);
      // the smallest hospital is drawn last, on top: nothing covers it
      const hospital = page.locator('svg.region-map circle.hospital').last();
      const id = await hospital.getAttribute('data-hospital');
      await hospital.click();
      await page.locator(`.hospital-detail[data-hospital="${id}"] svg.occupancy-chart`).waitFor();
      await shot('results');
    });

    it('lists the run as completed on the runs page, under the saved what-if', async () => {
      step = 'runs';
      await page.locator('header nav a[href="#/runs"]').click();
      const row = page.locator(`tr[data-run="${runId}"][data-state="completed"]`);
      await row.waitFor();
      expect(await row.locator('progress').getAttribute('value')).toBe('100');
      expect(await row.innerText()).toContain('what-if');
      await shot('runs');
    });

    it('starts a run from the runs page and cancels it from its live view', async () => {
      step = 'cancel';
      await page.locator('#run-scenario').selectOption({ index: 0 });
      await page.locator('#run-replications').fill('2');
      await page.locator('#run-horizon').fill('3650');
      await page.locator('.run-form button[type="submit"]').click();
      await page.waitForURL(/#\/live\//);
      const cancelled = decodeURIComponent(page.url().split('#/live/')[1] ?? '');
      await page.locator('.overall .state[data-state="running"]').waitFor({ timeout: 30_000 });
      await page.locator('main button[data-action="cancel"]').click();
      await page.locator('.overall .state[data-state="cancelled"]').waitFor({ timeout: 30_000 });
      await page.locator('header nav a[href="#/runs"]').click();
      await page.locator(`tr[data-run="${cancelled}"][data-state="cancelled"]`).waitFor();
    }, 60_000);

    it('switches to English and back', async () => {
      step = 'language';
      await page.locator('button.lang-switch').click();
      await page.locator('html[lang="en"]').waitFor();
      expect(await page.locator('header nav').innerText()).toContain('Runs');
      await page.locator(`tr[data-run="${runId}"]`).waitFor();
      await shot('runs-en');
      await page.locator('button.lang-switch').click();
      await page.locator('html[lang="ja"]').waitFor();
      expect(await page.locator('header nav').innerText()).toContain('実行一覧');
    });

    it('logged no console errors (but the 422s of the deliberate invalid what-if)', () => {
      const unexpected = errors.filter(
        (e) =>
          !(
            e.step === 'editor-invalid' &&
            e.text.includes('422') &&
            e.url.includes('/api/scenarios/validate')
          ),
      );
      expect(unexpected).toEqual([]);
    });
  });
}
