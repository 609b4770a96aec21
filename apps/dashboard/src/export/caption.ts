// What an exported chart says about itself, so a PNG pasted into a slide for the mayors still
// reads on its own: a title (the chart's section heading), the scenario (a vs b when two runs
// are compared), the period measured, the replications, the date it was made (2026-12-02, not
// 12/2) and the data caveat. A view provides its caption once for everything it shows
// (`provideExportCaption(root, …)` after drawing); the toolbar finds it from the chart's slot.
import type { ResultDocument, RunView } from '../api/types';
import { fmt, localized, t } from '../i18n';

export interface ExportCaption {
  /** the scenario, or "a: … / b: …" */
  scenarios: string;
  /** the period measured, e.g. "2025-05-01 – 2026-04-30(365 日、ウォームアップ 30 日を除く)" */
  period?: string;
  /** e.g. "6 反復", or a's and b's when they differ */
  replications?: string;
  /** file-name parts that say whose chart it is: scenario ids (a, "vs", b) */
  fileStem: string[];
}

/** Title, subtitle and caveat lines drawn above and below an exported chart. */
export interface ExportHeading {
  title: string;
  subtitle: string;
  caveat: string;
}

interface Provided {
  caption: () => ExportCaption | null;
  /** the view's first node when it was provided: once gone, the view was replaced */
  marker: Node | null;
}

const provided = new WeakMap<Element, Provided>();

/** The caption of every chart under `root` (read when a chart is exported). */
export function provideExportCaption(root: Element, caption: () => ExportCaption | null): void {
  provided.set(root, { caption, marker: root.firstChild });
}

/** The caption provided by the nearest view around `element`, if that view is still shown. */
export function captionFor(element: Element): ExportCaption | null {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const entry = provided.get(node);
    if (!entry) continue;
    if (entry.marker && entry.marker.parentNode !== node) return null;
    return entry.caption();
  }
  return null;
}

/** The heading of the section a chart is in (its title when exported). */
export function chartTitleFor(element: Element): string {
  const section = element.closest('section');
  const heading = section?.querySelector('h2, h3');
  return heading?.textContent?.trim() ?? '';
}

/** A date as 2026-12-02 (the local calendar day). */
export function isoDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The measured period of a result: first and last day after the warm-up, and their count. */
export function periodOf(aggregate: { startDate: string; warmupDays: number; horizonDays: number }): string {
  const first = addDays(aggregate.startDate, aggregate.warmupDays);
  const last = addDays(aggregate.startDate, aggregate.warmupDays + aggregate.horizonDays - 1);
  return t('export.period', {
    first,
    last,
    days: fmt.number(aggregate.horizonDays),
    warmup: fmt.number(aggregate.warmupDays),
  });
}

const nameOf = (doc: ResultDocument): string =>
  localized(doc.provenance.scenario.name, doc.provenance.scenario.id);

/** The caption of a result's charts, or of a comparison's (b against a). */
export function resultCaption(doc: ResultDocument, baseline?: ResultDocument): ExportCaption {
  const { aggregate } = doc;
  if (!baseline)
    return {
      scenarios: nameOf(doc),
      period: periodOf(aggregate),
      replications: t('common.replications', { n: doc.provenance.replications }),
      fileStem: [doc.provenance.scenario.id],
    };
  const a = baseline.provenance.replications;
  const b = doc.provenance.replications;
  return {
    scenarios: t('export.versus', { a: nameOf(baseline), b: nameOf(doc) }),
    period: periodOf(aggregate),
    replications: a === b ? t('common.replications', { n: a }) : t('export.replicationsAB', { a, b }),
    fileStem: [baseline.provenance.scenario.id, 'vs', doc.provenance.scenario.id],
  };
}

/** The caption of a live run (its period is the simulated days so far, warm-up included). */
export function liveCaption(
  run: Pick<RunView, 'scenarioId'>,
  scenarioName: string | undefined,
): ExportCaption {
  return { scenarios: scenarioName ?? run.scenarioId, fileStem: [run.scenarioId, 'live'] };
}

/** What is drawn around an exported chart: its title, a subtitle line and the caveat. */
export function exportHeading(title: string, caption: ExportCaption | null, now: Date): ExportHeading {
  const parts = [
    caption?.scenarios,
    caption?.period,
    caption?.replications,
    t('export.made', { date: isoDate(now) }),
  ].filter((p): p is string => Boolean(p));
  return { title: title || 'CareTwin', subtitle: parts.join(' · '), caveat: t('export.caveat') };
}

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The file name's parts: "caretwin", whose chart (the caption's scenario ids), which chart (the
 * name after its view, without run ids or what the caption already says, e.g. a hospital id and
 * "weekly"), and the date.
 */
export function exportFileParts(
  name: ReadonlyArray<string | undefined>,
  caption: ExportCaption | null,
  now: Date,
): string[] {
  const named = name.filter((p): p is string => Boolean(p));
  if (!caption) return ['caretwin', ...named, isoDate(now)];
  const chart = named.slice(1).filter((p) => !RUN_ID.test(p) && !caption.fileStem.includes(p));
  return ['caretwin', ...caption.fileStem, ...(chart.length ? chart : ['chart']), isoDate(now)];
}
