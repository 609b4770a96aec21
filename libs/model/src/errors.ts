// Named errors whose messages say what to fix. The scenario layer validates files; these guard
// the model's own assumptions about a resolved scenario (e.g. a branch to an unknown phase).

/** The resolved scenario cannot be run as given. */
export class ModelInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelInputError';
  }
}
