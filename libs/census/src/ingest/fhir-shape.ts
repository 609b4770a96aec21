// A FHIR R4 resource's shape against the R4 model that ships with the `fhirpath` library (its
// element paths, types and which repeat, generated from the R4 StructureDefinitions): every
// element is one R4 defines for that type, a repeating element is an array and a single one is
// not, and a primitive is the JSON kind R4 gives it (an `integer` a whole JSON number, never
// "80"). Complex types and backbone elements are checked inside; `contained` resources and
// extension values are left to their own rules. Issues carry the element's FHIRPath.
import * as r4 from 'fhirpath/fhir-context/r4';

export interface ShapeIssue {
  path: string;
  message: string;
}

type Json = Record<string, unknown>;

const path2Type = r4.path2Type as Record<string, string>;
const path2Repeating = r4.path2Repeating as Record<string, boolean>;
const type2Parent = r4.type2Parent as Record<string, string>;
const elsewhere = r4.pathsDefinedElsewhere as Record<string, string>;

const WHOLE = new Set(['integer', 'positiveInt', 'unsignedInt', 'integer64']);
const NUMBER = new Set(['decimal']);
const BOOLEAN = new Set(['boolean']);
const TEXT = new Set([
  'string',
  'code',
  'uri',
  'url',
  'canonical',
  'oid',
  'uuid',
  'id',
  'markdown',
  'base64Binary',
  'date',
  'dateTime',
  'instant',
  'time',
  'xhtml',
  'System.String',
]);
/** Left to their own rules: a contained resource, an extension's value[x] and what it nests. */
const OPAQUE = new Set(['Resource', 'Extension']);

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isResource(type: string): boolean {
  for (let t: string | undefined = type; t; t = type2Parent[t]) if (t === 'Resource') return true;
  return false;
}

/** The definition of `type`'s element `name`: its own, a parent type's, or where it is defined. */
function elementOf(type: string, name: string): { path: string; type: string } | undefined {
  for (let t: string | undefined = type; t; t = type2Parent[t]) {
    const path = `${t}.${name}`;
    const defined = path2Type[path];
    if (defined) return { path, type: defined };
    const other = elsewhere[path];
    if (other) return { path, type: other };
  }
  return undefined;
}

function checkValue(
  value: unknown,
  definition: { path: string; type: string },
  at: string,
  issues: ShapeIssue[],
): void {
  const { type } = definition;
  const kind = (expected: string): void => {
    issues.push({
      path: at,
      message: `${type} expected (${expected}), got ${JSON.stringify(value)?.slice(0, 40)}`,
    });
  };
  if (WHOLE.has(type)) {
    if (typeof value !== 'number' || !Number.isInteger(value)) kind('a whole JSON number');
  } else if (NUMBER.has(type)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) kind('a JSON number');
  } else if (BOOLEAN.has(type)) {
    if (typeof value !== 'boolean') kind('true or false');
  } else if (TEXT.has(type)) {
    if (typeof value !== 'string') kind('a JSON string');
  } else if (!isObject(value)) kind('a JSON object');
  else if (!OPAQUE.has(type))
    // a backbone element is typed by its own path; a complex type by its name
    checkShape(value, type === 'BackboneElement' || type === 'Element' ? definition.path : type, at, issues);
}

/** Every shape issue of `json` as an instance of `type` (a resource or datatype name, or a backbone path). */
export function checkShape(json: Json, type: string, at: string, issues: ShapeIssue[] = []): ShapeIssue[] {
  for (const [key, value] of Object.entries(json)) {
    if (key === 'resourceType' && isResource(type)) continue;
    // `_element`: a primitive's id and extensions, beside the primitive
    const name = key.startsWith('_') ? key.slice(1) : key;
    const definition = elementOf(type, name);
    if (!definition) {
      issues.push({ path: `${at}.${key}`, message: `${type} has no element "${key}" in FHIR R4` });
      continue;
    }
    if (key.startsWith('_')) continue;
    const repeats = path2Repeating[definition.path] === true;
    if (Array.isArray(value)) {
      if (!repeats) {
        issues.push({
          path: `${at}.${key}`,
          message: `${definition.path} is a single element, not an array`,
        });
        continue;
      }
      value.forEach((item, i) => checkValue(item, definition, `${at}.${key}[${i}]`, issues));
    } else if (repeats) {
      issues.push({ path: `${at}.${key}`, message: `${definition.path} repeats: an array is expected` });
    } else checkValue(value, definition, `${at}.${key}`, issues);
  }
  return issues;
}
