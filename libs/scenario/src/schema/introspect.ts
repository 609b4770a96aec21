// Reads the zod schemas as data: for "did you mean" on unknown keys (which keys does the object
// at this path know?) and for generating docs/scenarios.md.

import { z } from 'zod';
import { isPlainObject, type Path } from '../parse/located';

export interface Unwrapped {
  /** The schema under optional / default / nullable / pipe wrappers. */
  inner: z.ZodType;
  optional: boolean;
  nullable: boolean;
  /** Constant default, when there is one. */
  defaultValue?: unknown;
  hasDefault: boolean;
  description?: string;
  unit?: string;
  defaultNote?: string;
  title?: string;
  summary?: string;
}

/** Peels wrappers, collecting metadata from the outside in (outer wins). */
export function unwrap(schema: z.ZodType): Unwrapped {
  const out: Unwrapped = { inner: schema, optional: false, nullable: false, hasDefault: false };
  let current: z.ZodType = schema;
  for (;;) {
    const meta = current.meta();
    if (meta) {
      out.description ??= meta.description;
      out.unit ??= meta.unit;
      out.defaultNote ??= meta.defaultNote;
      out.title ??= meta.title;
      out.summary ??= meta.summary;
    }
    if (current instanceof z.ZodOptional) {
      out.optional = true;
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodNullable) {
      out.nullable = true;
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      if (!out.hasDefault) {
        out.hasDefault = true;
        out.defaultValue = current.def.defaultValue;
      }
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else break;
  }
  out.inner = current;
  return out;
}

/** The option of a discriminated union that matches `data`'s discriminator, if any. */
function unionOption(schema: z.ZodType, data: unknown): z.ZodType | undefined {
  if (!(schema instanceof z.ZodDiscriminatedUnion)) return undefined;
  const discriminator = schema.def.discriminator;
  if (!isPlainObject(data)) return undefined;
  const value = data[discriminator];
  for (const option of schema.options as readonly z.ZodType[]) {
    const inner = unwrap(option).inner;
    if (inner instanceof z.ZodObject) {
      const literal = unwrap(inner.shape[discriminator] as z.ZodType).inner;
      if (literal instanceof z.ZodLiteral && literal.values.has(value as never)) return inner;
    }
  }
  return undefined;
}

/** The field schema at `path` (wrappers and metadata kept), guided by the data through discriminated unions. */
export function schemaAt(root: z.ZodType, data: unknown, path: Path): z.ZodType | undefined {
  let schema: z.ZodType | undefined = root;
  let value: unknown = data;
  for (const segment of path) {
    if (!schema) return undefined;
    let inner: z.ZodType = unwrap(schema).inner;
    inner = unionOption(inner, value) ?? inner;
    if (inner instanceof z.ZodObject && typeof segment === 'string')
      schema = inner.shape[segment] as z.ZodType | undefined;
    else if (inner instanceof z.ZodArray && typeof segment === 'number') schema = inner.element as z.ZodType;
    else if (inner instanceof z.ZodRecord && typeof segment === 'string')
      schema = inner.valueType as z.ZodType;
    else if (inner instanceof z.ZodTuple && typeof segment === 'number')
      schema = inner.def.items[segment] as z.ZodType | undefined;
    else return undefined;
    value =
      isPlainObject(value) || Array.isArray(value)
        ? (value as Record<string, unknown>)[segment as string]
        : undefined;
  }
  return schema;
}

/** Keys a strict object at `path` accepts (for "did you mean"). */
export function knownKeysAt(root: z.ZodType, data: unknown, path: Path): string[] {
  const schema = schemaAt(root, data, path);
  if (!schema) return [];
  let value: unknown = data;
  for (const segment of path)
    value =
      isPlainObject(value) || Array.isArray(value)
        ? (value as Record<string, unknown>)[segment as string]
        : undefined;
  const inner = unwrap(schema).inner;
  const object = unionOption(inner, value) ?? inner;
  return object instanceof z.ZodObject ? Object.keys(object.shape) : [];
}
