// Debian's Chromium driven by playwright-core, the same way in every browser test: headless, a
// fresh profile directory per test file, screenshots under tests/e2e/artifacts/ (git-ignored).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, 'artifacts');
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** What a browser test file says when it skips (.ci/run installs Chromium). */
export const NO_CHROMIUM = `SKIPPED: ${CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk; .ci/run installs them)`;

// The flags Debian's Chromium needs in a container without a GPU or a desktop session
// (apps/dashboard/README.md "Browser tests").
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** closes the browser and removes its profile directory */
  close(): Promise<void>;
}

/** Starts Chromium on a fresh profile (Japanese, 1400 × 1000 unless told otherwise). */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; locale?: string; acceptDownloads?: boolean } = {},
): Promise<BrowserSession> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'caretwin-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
    locale: 'ja-JP',
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
