// Plain links to the api (CSV and FHIR downloads, the HTML report) with AUTH_MODE=tokens: a
// browser's own navigation sends no Authorization header, so such a link would get 401. While a
// token is held, a click on one is fetched with the token (installAuthFetch adds it) and the
// answer saved as a file under the api's name for it. The report is saved too rather than opened
// in a tab: it is one HTML file that opens offline, and shown from this page's origin it would run
// under the dashboard's content policy instead of its own. Without a token the links work as they
// are (AUTH_MODE=open).
import { heldToken } from './session';

/** The file name a `Content-Disposition` header gives, else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (disposition) {
    const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
    if (encoded) {
      try {
        return decodeURIComponent(encoded[1].trim());
      } catch {
        // a malformed name: the plain one, if any
      }
    }
    const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/i.exec(disposition);
    const name = plain?.[1] ?? plain?.[2];
    if (name) return name;
  }
  return fallback;
}

/** Whether a click on this link must go through an authorised fetch. */
export function needsToken(link: HTMLAnchorElement, origin: string): boolean {
  if (!link.href || link.hasAttribute('data-plain-link')) return false;
  const url = new URL(link.href, origin);
  return url.origin === origin && url.pathname.startsWith('/api/');
}

async function saveThroughFetch(link: HTMLAnchorElement, report: (message: string) => void): Promise<void> {
  const url = new URL(link.href, location.href);
  // the report as an attachment: the api then names it
  if (/\/report$/.test(url.pathname)) url.searchParams.set('download', '1');
  link.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(url);
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { message?: string } | null;
      report(`${response.status}: ${body?.message ?? response.statusText}`);
      return;
    }
    const fallback = url.pathname.split('/').pop() || 'download';
    const name = fileNameOf(
      response.headers.get('content-disposition'),
      link.getAttribute('download') || fallback,
    );
    const blobUrl = URL.createObjectURL(await response.blob());
    const save = document.createElement('a');
    save.href = blobUrl;
    save.download = name;
    save.setAttribute('data-plain-link', '');
    document.body.append(save);
    save.click();
    save.remove();
    // the download has its own copy once started
    setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
  } catch (error) {
    report(error instanceof Error ? error.message : String(error));
  } finally {
    link.removeAttribute('aria-busy');
  }
}

/** Routes clicks on api links through an authorised fetch while a token is held (once, at start). */
export function installAuthedLinks(report: (message: string) => void): void {
  document.addEventListener(
    'click',
    (event) => {
      if (!heldToken() || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.('a');
      if (!(link instanceof HTMLAnchorElement) || !needsToken(link, location.origin)) return;
      event.preventDefault();
      void saveThroughFetch(link, report);
    },
    true,
  );
}
