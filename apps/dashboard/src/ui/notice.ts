// A short message in the page's corner (a download that failed, say), gone after a few seconds.
import { h } from './dom';

export function showNotice(text: string, ms = 8_000): void {
  const note = h('p', { class: 'notice', role: 'alert', 'data-testid': 'notice' }, text);
  document.body.append(note);
  setTimeout(() => note.remove(), ms);
}
