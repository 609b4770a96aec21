// Entry of the standalone report bundle (vite.report.config.mts → dist/report/report.js, one
// IIFE that `caretwin report` inlines into the HTML file with the result). Japanese unless the
// reader switched before; the language switch redraws in place.
import '../styles.css';
import { initLang, onLangChange, t } from '../i18n';
import { renderReport } from './render';
import { readPayload } from './payload';

function start(): void {
  const root = document.getElementById('report') as HTMLElement;
  initLang();
  try {
    const payload = readPayload(document);
    const draw = (): void => {
      const started = performance.now();
      renderReport(root, payload);
      document.title = `${t('report.title', { scenario: payload.result.provenance.scenario.name[document.documentElement.lang === 'en' ? 'en' : 'ja'] })}`;
      root.dataset.rendered = 'true';
      root.dataset.renderMs = String(Math.round(performance.now() - started));
    };
    draw();
    onLangChange(draw);
  } catch (error) {
    root.textContent = `CareTwin report: ${error instanceof Error ? error.message : String(error)}`;
    root.dataset.rendered = 'error';
  }
}

start();
