// Caps that keep a hostile or careless document from exhausting memory, stack or time.

export interface ParseLimits {
  /** Largest document in bytes (UTF-8); larger input is refused before parsing (413). */
  maxBytes: number;
  /** Deepest nesting of mappings and sequences. */
  maxDepth: number;
  /** Most alias references (`*anchor`) in one document. */
  maxAliases: number;
  /** Most values (mapping, sequence or scalar nodes) in the built document, aliases expanded. */
  maxNodes: number;
}

export const SCENARIO_LIMITS: ParseLimits = {
  maxBytes: 1024 * 1024,
  maxDepth: 64,
  maxAliases: 100,
  maxNodes: 200_000,
};

/** Region data files are the project's own but large (municipalities × years × age bands). */
export const REGION_FILE_LIMITS: ParseLimits = {
  maxBytes: 16 * 1024 * 1024,
  maxDepth: 64,
  maxAliases: 100,
  maxNodes: 2_000_000,
};
