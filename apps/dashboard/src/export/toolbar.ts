// The export toolbar every chart gets: PNG, SVG and CSV (the chart's data, UTF-8 with BOM)
// buttons above the chart. It reads the chart and its table when clicked, so a chart that is
// redrawn (language switch, a clicked hospital, live updates) exports what is on screen.
import { t } from '../i18n';
import { h } from '../ui/dom';
import { captionFor, chartTitleFor, exportFileParts, exportHeading, type ExportHeading } from './caption';
import { csvBlob, type DataTable } from './csv';
import { downloadBlob, fileName } from './download';
import { pngBlob, svgBlob } from './svg-image';
import './export.css';

export interface ExportSource {
  /** file-name stem, e.g. ["results", runId, "region-map"] */
  name: ReadonlyArray<string | undefined>;
  /** the chart as drawn now (null: nothing drawn yet) */
  svg(): SVGSVGElement | null;
  /** the data behind it (null: no table for this chart) */
  table(): DataTable | null;
  /** the title, scenario, period, replications, date and caveat drawn around the exported chart */
  heading?(): ExportHeading | null;
  /** the file name's parts (default: `name`) */
  fileParts?(): ReadonlyArray<string | undefined>;
}

type Format = 'png' | 'svg' | 'csv';

async function blobFor(format: Format, source: ExportSource): Promise<Blob | null> {
  if (format === 'csv') {
    const table = source.table();
    if (!table) return null;
    const heading = source.heading?.();
    // the first line says what the file is in the page's language; the ids line follows
    return csvBlob(
      heading
        ? {
            ...table,
            title: `${heading.title} — ${heading.subtitle}`,
            notes: [table.title, ...table.notes, heading.caveat],
          }
        : table,
    );
  }
  const svg = source.svg();
  if (!svg) return null;
  const heading = source.heading?.() ?? undefined;
  return format === 'svg' ? svgBlob(svg, heading) : pngBlob(svg, heading);
}

export function exportToolbar(source: ExportSource): HTMLElement {
  const status = h('span', { class: 'export-status', role: 'status', 'aria-live': 'polite' });
  const button = (format: Format, label: string): HTMLButtonElement => {
    const element = h(
      'button',
      { type: 'button', class: 'export', 'data-export': format, title: t('export.hint', { format: label }) },
      label,
    );
    element.addEventListener('click', () => {
      element.disabled = true;
      status.textContent = '';
      blobFor(format, source)
        .then((blob) => {
          if (blob) downloadBlob(blob, fileName(source.fileParts?.() ?? source.name, format));
          else status.textContent = t('export.nothing');
        })
        .catch((error: unknown) => {
          status.textContent = t('export.failed', {
            message: error instanceof Error ? error.message : String(error),
          });
        })
        .finally(() => (element.disabled = false));
    });
    return element;
  };
  return h(
    'div',
    { class: 'export-toolbar', role: 'group', 'aria-label': t('export.label') },
    h('span', { class: 'export-label' }, `${t('export.label')}:`),
    button('png', 'PNG'),
    button('svg', 'SVG'),
    button('csv', 'CSV'),
    status,
  );
}

/**
 * A chart slot with its toolbar: `withExports(slot, ['results', runId, 'flows'], () => table)`.
 * The SVG exported is the first <svg> in the slot at the time of the click, titled by the
 * section it is in and captioned by its view (export/caption.ts); the file is named
 * caretwin-<scenario>-<chart>-<date>.<png|svg|csv>.
 */
export function withExports(
  slot: HTMLElement,
  name: ExportSource['name'],
  table: () => DataTable | null,
): HTMLElement {
  const toolbar = exportToolbar({
    name,
    svg: () => slot.querySelector('svg'),
    table,
    heading: () => exportHeading(chartTitleFor(slot), captionFor(slot), new Date()),
    fileParts: () => exportFileParts(name, captionFor(slot), new Date()),
  });
  return h(
    'div',
    { class: 'exportable', 'data-exportable': slot.dataset.chart ?? name[name.length - 1] ?? '' },
    toolbar,
    slot,
  );
}
