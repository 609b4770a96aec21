// Suggestions for typos: a silently ignored misspelt lever gives planners a wrong answer they
// trust, so every unknown name is refused, and the refusal points at the closest known name.

/** Damerau–Levenshtein distance (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
      }
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1];
}

/** The closest candidate within a third of the word's length (at least 2 edits), if any. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  // Long inputs cannot be typos of short names; skip the quadratic work for them.
  if (word.length > 200) return undefined;
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(word, candidate);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "hospital"?)` or ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/** `a, b, c, … (120 in all)`: enough to orient a planner without flooding a terminal. */
export function listKnown(values: readonly string[], limit = 10): string {
  if (values.length === 0) return '(none)';
  const shown = values.slice(0, limit).join(', ');
  return values.length > limit ? `${shown}, … (${values.length} in all)` : shown;
}

/** `unknown hospital "x" (did you mean "y"?); known hospitals: a, b, …` */
export function unknownName(kind: string, plural: string, value: string, known: readonly string[]): string {
  return `unknown ${kind} "${truncate(value)}"${didYouMean(value, known)}; known ${plural}: ${listKnown(known)}`;
}

export function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
