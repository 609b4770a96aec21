// A linear pre-scan of the raw text that refuses absurd nesting before the YAML parser (which
// recurses) ever sees it. It approximates depth from indentation, compact sequences (`- - -`)
// and flow brackets; the exact depth is checked again while the document is built.

export interface DepthExcess {
  line: number;
  column: number;
}

export function scanNestingDepth(text: string, maxDepth: number): DepthExcess | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | null = null;
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let j = start;
    let blockDepth = indents.length;
    if (quote === null && flow === 0) {
      while (j < end && text.charCodeAt(j) === 32) j++;
      const first = text[j];
      if (j < end && first !== '#' && first !== '\r') {
        const indent = j - start;
        while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        let compact = 0;
        while (text[j] === '-' && (text[j + 1] === ' ' || j + 1 === end)) {
          compact++;
          j += 2;
          while (j < end && text.charCodeAt(j) === 32) j++;
          if (indents.length + compact > maxDepth) return { line, column: j - start + 1 };
        }
        blockDepth = indents.length + compact;
        // A line that opens a flow collection is that collection, not a mapping holding it.
        if (text[j] === '[' || text[j] === '{') blockDepth--;
        if (blockDepth > maxDepth) return { line, column: j - start + 1 };
      }
    }
    for (; j < end; j++) {
      const c = text[j];
      if (quote !== null) {
        if (quote === '"' && c === '\\') j++;
        else if (c === quote) {
          if (quote === "'" && text[j + 1] === "'") j++;
          else quote = null;
        }
        continue;
      }
      const before = j === start ? ' ' : text[j - 1];
      if (c === '#' && (before === ' ' || before === '\t')) break;
      if ((c === '"' || c === "'") && ' \t[{,:-'.includes(before)) quote = c;
      else if (c === '[' || c === '{') {
        flow++;
        if (blockDepth + flow > maxDepth) return { line, column: j - start + 1 };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    start = end + 1;
    line++;
  }
  return undefined;
}
