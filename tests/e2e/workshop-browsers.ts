// Several people in one workshop (issue 19): one Debian Chromium with a separate browser
// context each (own cookies, sessionStorage and socket), cheaper on two cores than a browser
// per person. Also the PDF side: the handout printed by Chromium's own command line, as a
// planner would, and read back with poppler's pdfinfo / pdftotext.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from './browser';

const run = promisify(execFile);

export interface People {
  browser: Browser;
  contexts: BrowserContext[];
  pages: Page[];
  close(): Promise<void>;
}

/** One browser, `count` contexts (Japanese, 1280 × 900), one page each. */
export async function launchPeople(count: number): Promise<People> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  for (let i = 0; i < count; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    // a select waits for its options (e.g. the areas, once the baseline's result is read)
    context.setDefaultTimeout(60_000);
    contexts.push(context);
    pages.push(await context.newPage());
  }
  return {
    browser,
    contexts,
    pages,
    async close() {
      await browser.close();
    },
  };
}

/** poppler-utils (.ci/run installs it) reads the handout's PDF back. */
export const HAS_POPPLER = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdfinfo');

/**
 * `chromium --headless --print-to-pdf` of `url` on a fresh profile; the virtual time budget lets
 * the page fetch and draw before printing (the handout sets data-ready when drawn).
 * `--no-pdf-header-footer`: the handout has its own header; Chromium's would add the URL and date.
 */
export async function printToPdf(url: string, file: string): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'caretwin-pdf-'));
  try {
    await run(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        `--user-data-dir=${profile}`,
        '--no-pdf-header-footer',
        '--virtual-time-budget=20000',
        `--print-to-pdf=${file}`,
        url,
      ],
      { timeout: 90_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** pdfinfo's page count and page size line ("594.96 x 841.92 pts (A4)"). */
export async function pdfInfo(file: string): Promise<{ pages: number; size: string }> {
  const { stdout } = await run('pdfinfo', [file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? 0);
  const size = /^Page size:\s+(.+)$/m.exec(stdout)?.[1]?.trim() ?? '';
  return { pages, size };
}

/** The PDF's text with every white space removed (pdftotext breaks lines anywhere in Japanese). */
export async function pdfText(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 32 * 1024 * 1024 });
  return squeeze(stdout);
}

export const squeeze = (text: string): string => text.replace(/\s+/g, '');
