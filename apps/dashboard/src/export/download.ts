// Saves a Blob as a file: an object URL (blob:, allowed by the api's content security policy)
// on a temporary <a download>, revoked once the browser has taken it.

/** File names the exports use: safe on every OS, e.g. "caretwin-results-01hx…-region-map.png". */
export function fileName(parts: ReadonlyArray<string | undefined>, extension: string): string {
  const stem = parts
    .filter((p): p is string => Boolean(p))
    .map((p) => p.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('-');
  return `${stem || 'caretwin'}.${extension}`;
}

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started from the URL; a later revoke keeps slow browsers safe
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
