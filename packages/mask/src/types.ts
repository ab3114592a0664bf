/** Replaces sensitive text with a same-shape placeholder. */
export type Redact = (text: string) => string;

/**
 * A text detector: finds one kind of sensitive value anywhere inside a string.
 *
 * The engine runs every active detector on every recorded string (text nodes,
 * attribute values, URLs, titles, stylesheet text, metadata). A detector that
 * throws makes the engine redact the whole string (fail closed).
 */
export interface Detector {
  /** Stable, versioned name; detectors are deduplicated by it. */
  readonly name: string;
  /** Short label for reports, e.g. `'email'`. */
  readonly label: string;
  /** Returns `text` with every match replaced by `redact(match)`. */
  maskMatches(text: string, redact: Redact): string;
}

/**
 * How much is masked.
 * - `strict`: all text and content attributes are masked too; opt content in with `data-ll-unmask`.
 * - `balanced` (default): form fields, detector matches, content attributes and URLs.
 * - `relaxed`: form fields and explicit `data-ll-mask`/`data-ll-block` marks only.
 *
 * Every level keeps passwords and other secret fields out entirely.
 */
export type PrivacyLevel = 'strict' | 'balanced' | 'relaxed';
