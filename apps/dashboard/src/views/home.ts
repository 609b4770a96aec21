// Home: the default region (also on an empty data dir) — its map, its static need per area and
// function against the beds in use (from validating the baseline), the shipped scenarios to
// start from, and the latest runs.
import { prefectureMap, prefectureMapData } from '../charts/prefecture-map';
import { mapTable } from '../export/tables';
import { provideExportCaption } from '../export/caption';
import { withExports } from '../export/toolbar';
import { fmt, lang, localized, t } from '../i18n';
import { href } from '../router';
import { h } from '../ui/dom';
import { inputsBanner, inputsLine } from '../ui/provenance';
import { chartSlot, errorLine, loading, section, stateBadge } from '../ui/widgets';
import type { ScenarioListing } from '../api/types';
import type { View } from './context';
import { needPanel } from './need-panel';

/** The baseline a region is shown with: a shipped scenario named "…baseline", else the first. */
export function defaultBaseline(items: readonly ScenarioListing[]): ScenarioListing | undefined {
  const shipped = items.filter((s) => s.source === 'shipped');
  return shipped.find((s) => /(^|-)baseline$/.test(s.id)) ?? shipped[0] ?? items[0];
}

export const homeView: View<{ name: 'home' }> = (root, _route, context) => {
  let alive = true;
  const load = async (): Promise<void> => {
    root.replaceChildren(loading());
    try {
      const { items } = await context.rest.scenarios();
      const baseline = defaultBaseline(items);
      if (!baseline) throw new Error('no scenarios are shipped (scenarios/ is empty)');
      const validation = await context.rest.validate({ extends: baseline.id });
      const [region, runs, boundaries] = await Promise.all([
        context.rest.region(validation.region.id),
        context.rest.runs({ limit: 5 }),
        context.rest.boundaries(validation.region.id),
      ]);
      if (!alive) return;
      const footnote = inputsLine(region.inputs);
      const map = chartSlot('region-map');
      const mapData = prefectureMapData(region, lang(), boundaries);
      map.append(prefectureMap(mapData, { lang: lang(), footnote }));

      const start = async (scenarioId: string, button: HTMLButtonElement): Promise<void> => {
        button.disabled = true;
        try {
          const run = await context.rest.startRun({ scenarioId });
          context.navigate({ name: 'live', runId: run.id });
        } catch (error) {
          button.disabled = false;
          button.after(errorLine(error));
        }
      };
      const scenarioCards = items.map((s) =>
        h(
          'li',
          { class: 'scenario', 'data-scenario': s.id },
          h('strong', null, localized(s.name, s.id)),
          ' ',
          h(
            'span',
            { class: 'muted' },
            `${s.id} · ${s.source === 'saved' ? t('scenario.saved', { version: s.version ?? 1 }) : t('scenario.shipped')}`,
          ),
          h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'primary',
                onclick: (e: Event) => void start(s.id, e.currentTarget as HTMLButtonElement),
              },
              t('scenario.run'),
            ),
            h('a', { class: 'button', href: href({ name: 'editor', baseline: s.id }) }, t('scenario.edit')),
          ),
        ),
      );

      root.replaceChildren(
        h('h1', null, t('home.title', { region: localized(region.name) })),
        h(
          'p',
          { class: 'intro' },
          t('home.intro', {
            baseline: localized(baseline.name, baseline.id),
            year: validation.scenario.year,
          }),
        ),
        inputsBanner(region.inputs),
        h(
          'div',
          { class: 'grid two' },
          section(
            t('home.map'),
            withExports(map, ['home', region.id, 'region-map'], () =>
              mapTable({ heading: `CareTwin — ${region.id}`, notes: [footnote] }, mapData),
            ),
          ),
          section(
            t('home.need'),
            needPanel({ region, staticNeed: validation.staticNeed, footnote, id: 'home-need', width: 640 }),
          ),
        ),
        section(t('home.scenarios'), h('ul', { class: 'scenario-list' }, scenarioCards)),
        section(
          t('home.recentRuns'),
          runs.items.length === 0
            ? h('p', { class: 'muted' }, t('home.noRuns'))
            : h(
                'ul',
                { class: 'run-list' },
                runs.items.map((run) =>
                  h(
                    'li',
                    null,
                    stateBadge(run.state),
                    ' ',
                    h(
                      'a',
                      {
                        href: href(
                          run.state === 'completed'
                            ? { name: 'results', runId: run.id }
                            : { name: 'live', runId: run.id },
                        ),
                      },
                      run.scenarioId,
                    ),
                    ' ',
                    h('span', { class: 'muted' }, fmt.dateTime(run.createdAt)),
                  ),
                ),
              ),
        ),
      );
      // the region as it is (no run): exports name the region and the baseline
      provideExportCaption(root, () => ({
        scenarios: `${localized(region.name)} · ${localized(baseline.name, baseline.id)}`,
        fileStem: [region.id],
      }));
    } catch (error) {
      if (alive) root.replaceChildren(errorLine(error, () => void load()));
    }
  };
  void load();
  return () => {
    alive = false;
  };
};
