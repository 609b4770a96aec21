// Issues for a terminal: grouped by file, in line order, `file:line:column  path  message`
// (the form editors and terminals turn into links).

import type { ScenarioErrorBody, ValidationIssue } from './scenario-validation-error';

export interface FormatOptions {
  /** Wrap file positions and paths in ANSI colours. */
  color?: boolean;
}

function location(issue: ValidationIssue): string {
  if (issue.line === null) return issue.file;
  return `${issue.file}:${issue.line}:${issue.column ?? 1}`;
}

export function formatIssues(error: ScenarioErrorBody, options: FormatOptions = {}): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [paint('1;31', `✖ ${error.message}`)];
  const byFile = new Map<string, ValidationIssue[]>();
  for (const issue of error.issues) {
    const list = byFile.get(issue.file) ?? [];
    list.push(issue);
    byFile.set(issue.file, list);
  }
  for (const issues of byFile.values()) {
    const sorted = [...issues].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
    for (const issue of sorted) {
      const path = issue.path === '' ? '' : ` ${paint('36', issue.path)}`;
      lines.push(`  ${paint('2', location(issue))}${path}: ${issue.message}`);
    }
  }
  return lines.join('\n');
}
