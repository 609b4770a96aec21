// The Now view (issue 18) on the BUILT product in Debian's Chromium: with no report yet it says
// how to start the feed, on the prefecture map (a path per municipality, MLIT's credit line);
// then reports POSTed to /api/census (text/csv) reach the open page over socket.io without a
// reload: the report date, today's occupancy of an area × function, the missing hospital listed
// by name, a one-day "high" alert that becomes a "full" alert on the second day above 95 %.
import { join } from 'node:path';
import { type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, HAS_CHROMIUM, launchBrowser, NO_CHROMIUM, type BrowserSession } from './browser';
import { ensureProductBuilt, startProduct, type Product } from './product';

const FUNCTIONS = ['highAcute', 'acute', 'recovery', 'chronic'] as const;
type Fn = (typeof FUNCTIONS)[number];
interface Hospital {
  id: string;
  name: { ja: string; en: string };
  area: string;
  institutionCode?: string;
  beds: Record<Fn, number>;
}
interface RegionDoc {
  id: string;
  areas: Array<{ id: string; name: { ja: string } }>;
  municipalities: Array<{ id: string }>;
  hospitals: Hospital[];
}

const CREDIT = '出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成';

/** An ISO day `back` days before today in Japan (reports of a future day are refused). */
const japanDay = (back: number): string =>
  new Date(Date.now() + 9 * 3_600_000 - back * 86_400_000).toISOString().slice(0, 10);

if (!HAS_CHROMIUM) {
  describe('the Now view in a browser', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('the Now view in a browser', () => {
    let product: Product;
    let browser: BrowserSession;
    let page: Page;
    let region: RegionDoc;
    let step = 'start';
    const errors: Array<{ step: string; text: string }> = [];
    const shot = (name: string): Promise<Buffer> =>
      page.screenshot({ path: join(ARTIFACTS, `now-${name}.png`), fullPage: true });

    /** One day's CSV: every hospital × function with beds, `share` occupied (`full` in one area × function), but `skip`. */
    const reportCsv = (date: string, full: { area: string; fn: Fn }, skip: string | null): string => {
      const lines = [
        'date,institution_code,area,bed_function,numbeds,numBedsOcc,numICUBeds,numICUBedsOcc,numVent,numVentUse,admissions,discharges',
      ];
      for (const h of region.hospitals) {
        if (h.id === skip) continue;
        for (const fn of FUNCTIONS) {
          const beds = h.beds[fn];
          if (!beds) continue;
          const share = h.area === full.area && fn === full.fn ? 0.98 : 0.8;
          lines.push(
            [
              date,
              h.institutionCode,
              h.area,
              fn,
              beds,
              Math.round(beds * share),
              '',
              '',
              '',
              '',
              '',
              '',
            ].join(','),
          );
        }
      }
      return `${lines.join('\n')}\n`;
    };
    const post = async (csv: string): Promise<void> => {
      const response = await fetch(`${product.url}/api/census`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: csv,
      });
      if (response.status !== 200)
        throw new Error(`POST /api/census: ${response.status} ${await response.text()}`);
    };

    beforeAll(async () => {
      await ensureProductBuilt();
      // a small forecast (its job runs after each complete day of reports): the fan arrives within the test
      product = await startProduct({ FORECAST_REPLICATIONS: '4' });
      const regions = (await (await fetch(`${product.url}/api/regions`)).json()) as {
        items: Array<{ id: string }>;
      };
      region = (await (await fetch(`${product.url}/api/regions/${regions.items[0].id}`)).json()) as RegionDoc;
      browser = await launchBrowser();
      ({ page } = browser);
      page.setDefaultTimeout(30_000);
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error') errors.push({ step, text: message.text() });
      });
      page.on('pageerror', (error) => errors.push({ step, text: `uncaught: ${error.message}` }));
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await product?.stop();
    }, 30_000);

    it('serves the municipal boundaries with their credit, an ETag and an hour of caching (304 when unchanged)', async () => {
      const url = `${product.url}/api/regions/${region.id}/boundaries`;
      const first = await fetch(url);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toContain('application/geo+json');
      expect(first.headers.get('cache-control')).toBe('private, max-age=3600');
      const body = (await first.json()) as {
        credit: { ja: string };
        features: Array<{ properties: { area: string } }>;
      };
      expect(body.credit.ja).toBe(CREDIT);
      expect(body.features).toHaveLength(region.municipalities.length);
      const again = await fetch(url, { headers: { 'if-none-match': first.headers.get('etag') ?? '' } });
      expect(again.status).toBe(304);
      const unknown = await fetch(`${product.url}/api/regions/atlantis/boundaries`);
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { code: string }).code).toBe('REGION_NOT_FOUND');
    });

    it('says how to start the feed before any report, on a map of the municipal boundaries with their credit', async () => {
      step = 'empty';
      await page.goto(`${product.url}/#/now`);
      await page.locator('svg.prefecture-map').waitFor();
      expect(await page.locator('svg.prefecture-map path.municipality').count()).toBe(
        region.municipalities.length,
      );
      expect(await page.locator('svg.prefecture-map circle.hospital').count()).toBe(region.hospitals.length);
      expect(await page.locator('svg.prefecture-map .map-credit').textContent()).toBe(CREDIT);
      expect(await page.locator('pre.now-feed code').textContent()).toContain('npx caretwin feed --scenario');
      expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('現在の病床');
      // the Now channel answered the subscription (the view says it is live)
      await page.locator('[data-connected="true"]').waitFor();
      await shot('empty');
    });

    it('updates the open page when reports are posted: figures, missing hospital, then a full alert on the second day', async () => {
      step = 'reports';
      await page.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });
      const full = { area: region.areas[1].id, fn: 'acute' as Fn };
      const missing = region.hospitals.find((h) => h.area !== full.area && h.beds.acute > 0) as Hospital;
      const [day1, day2] = [japanDay(2), japanDay(1)];

      await post(reportCsv(day1, full, missing.id));
      await page.locator(`[data-as-of="${day1}"]`).waitFor();
      const row = page.locator(
        `table.now-today tr[data-area="${full.area}"][data-function="acute"] td.occupancy`,
      );
      expect(await row.textContent()).toMatch(/^9[5-9](\.\d)?\s?%$/);
      // the hospital that did not report is listed by name, never as zero
      const listed = page.locator(`ul.now-missing li[data-hospital="${missing.id}"]`);
      await listed.waitFor();
      expect(await listed.textContent()).toContain(missing.name.ja);
      // one day above 95 %: high, not yet full
      await page
        .locator(`li.alert[data-kind="high"][data-area="${full.area}"][data-function="acute"]`)
        .waitFor();
      expect(await page.locator('li.alert[data-kind="full"]').count()).toBe(0);
      // the map colours the area by today's general-bed occupancy
      expect(await page.locator(`svg.prefecture-map text[data-area="${full.area}"]`).textContent()).toMatch(
        /%/,
      );
      await shot('day1');

      await post(reportCsv(day2, full, null));
      await page.locator(`[data-as-of="${day2}"]`).waitFor();
      await page
        .locator(`li.alert[data-kind="full"][data-area="${full.area}"][data-function="acute"]`)
        .waitFor();
      expect(await page.locator('[data-missing="0"]').count()).toBe(1);
      expect(
        await page
          .locator(`svg.census-chart g.panel[data-area="${full.area}"][data-function="acute"] path.history`)
          .count(),
      ).toBe(1);
      expect(Number(await page.locator('main').getAttribute('data-updates'))).toBeGreaterThanOrEqual(2);
      // the same page all along
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
        true,
      );
      await shot('day2');
      expect(errors).toEqual([]);
    }, 120_000);

    it('draws the forecast fan beside the history when the forecast of the complete day arrives (forecast.completed)', async () => {
      step = 'forecast';
      const full = region.areas[1].id;
      const panel = page.locator(`svg.census-chart g.panel[data-area="${full}"][data-function="acute"]`);
      await panel.locator('path.band95').waitFor({ timeout: 150_000 });
      expect(await panel.locator('path.band80').count()).toBe(1);
      expect(await panel.locator('path.forecast-mean').count()).toBe(1);
      expect(await page.locator('a[data-download="forecast-csv"]').getAttribute('href')).toBe(
        '/api/forecasts/latest.csv',
      );
      const csv = await fetch(`${product.url}/api/forecasts/latest.csv`);
      expect(csv.status).toBe(200);
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
        true,
      );
      await shot('forecast');
      expect(errors).toEqual([]);
    }, 180_000);

    it('forecasts on demand from a day that is not complete: the planner’s button, then the fan from that day', async () => {
      step = 'forecast-on-demand';
      const day3 = japanDay(0);
      const full = { area: region.areas[1].id, fn: 'acute' as Fn };
      const silent = region.hospitals.find((h) => h.beds.chronic > 0) as Hospital;
      await post(reportCsv(day3, full, silent.id));
      await page.locator(`[data-as-of="${day3}"]`).waitFor();
      // not complete: no forecast follows by itself (the tests run without the daily cutoff),
      // so the page says the fan is from the day before
      await page.locator('[data-stale="true"]').waitFor();
      const button = page.locator('button[data-action="forecast"]');
      expect(await button.textContent()).toContain(day3);
      await button.click();
      await page.locator('[data-forecast-request="queued"]').waitFor();
      // forecast.completed: the fan is from today's census, the request's line and the stale note gone
      await page.locator('[data-forecast-request]').waitFor({ state: 'detached', timeout: 150_000 });
      expect(await page.locator('[data-stale="true"]').count()).toBe(0);
      expect(await page.locator('[data-method]').textContent()).toContain(
        `Started from the ${day3} midnight census`,
      );
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
        true,
      );
      await shot('forecast-on-demand');
      expect(errors).toEqual([]);
    }, 180_000);
  });
}
