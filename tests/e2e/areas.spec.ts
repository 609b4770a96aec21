// Results by area (issue 16) on the BUILT product in Debian's Chromium: the area filter chosen on
// the results page stays selected in compare and live (and in the URL), narrows the by-area
// tables to that area, and goes with the report link; the report served by the api names the
// baseline run's scenario as 基準シナリオ (not the what-if), opens with its summary and puts
// the selected area's section first. Runs are small (2 replications × 14 days).
import { join } from 'node:path';
import { type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunView } from '@caretwin/contracts';
import { ARTIFACTS, HAS_CHROMIUM, launchBrowser, NO_CHROMIUM, type BrowserSession } from './browser';
import { ensureProductBuilt, startProduct, type Product } from './product';

const BASELINE = 'miyagi-2025-baseline';
const SMALL = { replications: 2, horizonDays: 14, seed: 4343 };

if (!HAS_CHROMIUM) {
  describe('results by area in a browser', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('results by area in a browser', () => {
    let product: Product;
    let browser: BrowserSession;
    let page: Page;
    let step = 'start';
    const errors: Array<{ step: string; text: string }> = [];
    let area = '';
    let baselineId = '';
    let whatIfId = '';

    const start = async (body: unknown): Promise<string> => {
      // the first resolve of a cold product on a busy machine may time out: asked again, up to three times
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`${product.url}/api/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = (await response.json()) as { id?: string; code?: string };
        if (response.status === 202 && answer.id) return answer.id;
        if (answer.code !== 'SCENARIO_TIMEOUT' || attempt === 3)
          throw new Error(`POST /api/runs: ${response.status} ${JSON.stringify(answer)}`);
      }
    };
    const waitForRun = async (id: string): Promise<void> => {
      const until = Date.now() + 120_000;
      for (;;) {
        const run = (await (await fetch(`${product.url}/api/runs/${id}`)).json()) as RunView;
        if (run.state === 'completed') return;
        if (run.state === 'failed' || run.state === 'cancelled')
          throw new Error(`run ${id} ended ${run.state}`);
        if (Date.now() > until) throw new Error(`run ${id} still ${run.state}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    // screenshots for a reader of the CI artifacts (git-ignored)
    const shot = (name: string): Promise<Buffer> =>
      page.screenshot({ path: join(ARTIFACTS, `areas-${name}.png`), fullPage: true });
    const areaInUrl = (): string | null => new URLSearchParams(page.url().split('?')[1] ?? '').get('area');

    beforeAll(async () => {
      await ensureProductBuilt();
      product = await startProduct();
      const regions = (await (await fetch(`${product.url}/api/regions`)).json()) as {
        items: Array<{ id: string }>;
      };
      const region = (await (await fetch(`${product.url}/api/regions/${regions.items[0].id}`)).json()) as {
        areas: Array<{ id: string }>;
      };
      area = region.areas[1].id;
      baselineId = await start({ scenarioId: BASELINE, ...SMALL });
      whatIfId = await start({
        scenario: {
          id: 'e2e-more-demand',
          name: { ja: '需要1割増', en: 'Ten per cent more demand' },
          extends: BASELINE,
          demand: { multiplier: '1.1' },
        },
        ...SMALL,
      });
      browser = await launchBrowser();
      ({ page } = browser);
      page.setDefaultTimeout(30_000);
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error') errors.push({ step, text: message.text() });
      });
      page.on('pageerror', (error) => errors.push({ step, text: `uncaught: ${error.message}` }));
      await waitForRun(baselineId);
      await waitForRun(whatIfId);
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await product?.stop();
    }, 30_000);

    it('filters the results to one area and keeps it in compare and live', async () => {
      step = 'results';
      await page.goto(`${product.url}/#/results/${whatIfId}`);
      await page.locator('[data-table="areas"] tbody tr').first().waitFor();
      expect(await page.locator('[data-table="areas"] tbody tr').count()).toBeGreaterThan(1);
      await page.locator('select[data-field="area-filter"]').selectOption(area);
      await page.waitForURL((url) => url.hash.includes(`area=${area}`));
      await page.locator(`[data-table="areas"] tbody tr[data-area="${area}"]`).waitFor();
      expect(await page.locator('[data-table="areas"] tbody tr').count()).toBe(1);
      expect(await page.locator('[data-table="flows"] tbody tr').count()).toBe(1);
      // the KPI cards are the area's own
      const cards = await page
        .locator('svg.kpi-cards g.card')
        .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-kpi')));
      expect(cards.length).toBeGreaterThan(0);
      expect(cards.every((k) => k !== null && k.includes(area))).toBe(true);
      await shot('results');

      step = 'compare';
      // a link without the filter opens on the same area, and the URL says so
      await page.goto(`${product.url}/#/compare/${baselineId}/${whatIfId}`);
      await page.locator('[data-table="area-differences"] tbody tr').first().waitFor();
      expect(areaInUrl()).toBe(area);
      expect(await page.locator('select[data-field="area-filter"]').inputValue()).toBe(area);
      const rows = await page
        .locator('[data-table="area-differences"] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-area')));
      expect(rows).toEqual([area]);
      await shot('compare');
      const report = await page.locator('a[data-action="report"]').getAttribute('href');
      expect(report).toBe(`/api/runs/${whatIfId}/report?baseline=${baselineId}&area=${area}`);

      step = 'live';
      await page.goto(`${product.url}/#/live/${whatIfId}`);
      await page.waitForURL((url) => url.hash.includes(`area=${area}`));
      await page.locator('select[data-field="area-filter"]').waitFor();
      expect(await page.locator('select[data-field="area-filter"]').inputValue()).toBe(area);
    });

    it('serves the report with the baseline run as 基準シナリオ, a summary first and the area’s section first', async () => {
      step = 'report';
      await page.goto(`${product.url}/#/compare/${baselineId}/${whatIfId}`);
      const href = await page.locator('a[data-action="report"]').getAttribute('href');
      await page.goto(`${product.url}${href}`);
      await page.locator('#report[data-rendered="true"]').waitFor();
      const baseline = await page.locator('dd[data-field="baseline"]').textContent();
      expect(baseline).toContain(BASELINE);
      expect(baseline).not.toContain('e2e-more-demand');
      expect(baseline).not.toContain('需要1割増');
      const summary = (await page.locator('p[data-summary]').textContent()) ?? '';
      expect(summary).toContain('需要1割増');
      expect(summary).toContain(BASELINE);
      expect(await page.locator('.report-area').first().getAttribute('data-area')).toBe(area);
      await shot('report');
    });

    it('logged no console errors', () => {
      expect(errors).toEqual([]);
    });
  });
}
