import type { Detector } from './types';

/** Options of `regexDetector`. */
export interface RegexDetectorOptions {
  /** Stable, versioned name, e.g. `'acme/order-id@1'`; detectors are deduplicated by it. */
  name: string;
  /** Short label for reports, e.g. `'order id'`. */
  label: string;
  /** Matches candidates; the `g` flag is added when missing. */
  pattern: RegExp;
  /** Confirms a candidate (a checksum, say); a rejected candidate stays visible. */
  accept?: (candidate: string) => boolean;
  /** Cheap test that lets the detector skip strings that cannot match. */
  mayMatch?: (text: string) => boolean;
}

/**
 * Builds a detector from a regular expression.
 * @example
 * regexDetector({ name: 'acme/order-id@1', label: 'order id', pattern: /\bORD-\d{6}\b/ })
 */
export function regexDetector(options: RegexDetectorOptions): Detector {
  const { name, label, accept, mayMatch } = options;
  const flags = options.pattern.flags.includes('g') ? options.pattern.flags : `${options.pattern.flags}g`;
  const pattern = new RegExp(options.pattern.source, flags);
  return {
    name,
    label,
    maskMatches(text, redact) {
      if (mayMatch && !mayMatch(text)) return text;
      return text.replace(pattern, (match) => (accept && !accept(match) ? match : redact(match)));
    },
  };
}
