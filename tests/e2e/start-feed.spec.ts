// `npm start` on a fresh store (FEED=auto, open mode, not under NODE_ENV=test) posts a synthetic
// census history so the Now view has data on a fresh machine: every hospital × function with beds
// reported up to yesterday in Japan, every report marked synthetic, nothing missing; a restart
// over a store that has reports posts nothing more. The BUILT product (scripts/start.mjs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, japanDate } from '@caretwin/census';
import type { CensusLatest, CensusSeries } from '@caretwin/contracts';
import { ensureProductBuilt, startProduct, type Product } from './product';

const DAYS = 5;

async function get<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function waitForLog(product: Product, text: string, ms: number): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const line = product.logs.find((l) => l.includes(text));
    if (line) return line;
    if (Date.now() > until)
      throw new Error(`no "${text}" within ${ms} ms; log: ${product.logs.slice(-5).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('npm start on a fresh store', () => {
  let product: Product;

  beforeAll(async () => {
    await ensureProductBuilt();
    product = await startProduct({
      NODE_ENV: 'development',
      LOG_FORMAT: 'json',
      FEED: 'auto',
      FEED_DAYS: String(DAYS),
    });
  }, 300_000);

  afterAll(async () => {
    await product?.stop();
  });

  it('posts a synthetic census history up to yesterday, so the Now view has every hospital’s figures', async () => {
    await waitForLog(product, 'posting a synthetic census history', 30_000);
    await waitForLog(product, 'synthetic census posted', 240_000);
    const latest = await get<CensusLatest>(`${product.url}/api/census/latest`);
    const yesterday = addDays(japanDate(new Date()), -1);
    expect(latest.asOf).toBe(yesterday);
    expect(latest.missing).toEqual([]);
    expect(latest.reports.length).toBeGreaterThan(100);
    expect(latest.reports.every((r) => r.synthetic && r.date === yesterday)).toBe(true);
    const series = await get<CensusSeries>(
      `${product.url}/api/census?from=${addDays(yesterday, -(DAYS - 1))}&to=${yesterday}&area=sendai`,
    );
    expect(new Set(series.points.map((p) => p.date)).size).toBe(DAYS);
    expect(series.points.every((p) => p.reported === p.expected && (p.occupied ?? 0) > 0)).toBe(true);
  }, 300_000);
});
