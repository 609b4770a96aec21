// Every field carries its description and unit in zod's metadata; docs/scenarios.md is
// generated from them (npm run docs:scenarios), so the reference cannot drift from the schema.

import { z } from 'zod';

declare module 'zod' {
  interface GlobalMeta {
    /** Unit of a numeric field (days, minutes, km/h, share 0–1 …). */
    unit?: string;
    /** How the default is derived when it is not a constant (shown in the docs). */
    defaultNote?: string;
    /** What a named object is, for its own section in the docs (a field's description may differ). */
    summary?: string;
  }
}

export interface FieldDoc {
  description: string;
  unit?: string;
  defaultNote?: string;
}

/** Attaches description, unit and default note to a schema (on the outermost wrapper). */
export function field<T extends z.ZodType>(schema: T, doc: FieldDoc): T {
  return schema.meta({ description: doc.description, unit: doc.unit, defaultNote: doc.defaultNote });
}

/** Names a nested object so the docs give it its own section. */
export function titled<T extends z.ZodType>(schema: T, title: string, description: string): T {
  return schema.meta({ title, description, summary: description });
}

/** Ids: short, no spaces, safe in paths and file names. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    'ids use letters, digits, ".", "_" and "-" and start with a letter or digit',
  );

export const localizedTextSchema = titled(
  z.strictObject({
    ja: field(z.string().max(300), { description: 'Japanese text.' }),
    en: field(z.string().max(300), { description: 'English text.' }),
  }),
  'LocalizedText',
  'A text in Japanese and English.',
);

export const longLocalizedTextSchema = titled(
  z.strictObject({
    ja: field(z.string().max(5000), { description: 'Japanese text.' }),
    en: field(z.string().max(5000), { description: 'English text.' }),
  }),
  'LongLocalizedText',
  'A paragraph in Japanese and English.',
);
