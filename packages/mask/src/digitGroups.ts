import type { Redact } from './types';

/**
 * Judges a window of digit groups. `trimmed` is true when the window starts
 * inside its first group or ends inside its last: the number is glued to
 * other digits, so only distinctive shapes should be accepted.
 */
export type AcceptsWindow = (groups: string[], trimmed: boolean) => boolean;

/**
 * Masks every window of up to `maxGroups` consecutive digit groups in `run`
 * that `accepts`.
 *
 * Card and phone numbers are often written next to other numbers
 * ("ref 12 4111 1111 1111 1111") or glued to them ("9.994111 1111 1111 1111"),
 * so judging only the whole run would miss them. A window's first group is
 * also tried with its front trimmed off (down to `maxEdge` digits or fewer),
 * and a last group longer than `maxEdge` with its end trimmed off: that is the
 * glued case.
 */
export interface WindowShape {
  /** Most groups a match spans. */
  maxGroups: number;
  /** Longest first group a trimmed match keeps; a last group longer than this is glued to other digits and tried trimmed. */
  maxEdge: number;
  /** Digits a match holds, at least and at most: windows outside are rejected before any work. */
  minDigits: number;
  maxDigits: number;
}

export function maskGroupWindows(run: string, separator: RegExp, shape: WindowShape, accepts: AcceptsWindow, redact: Redact): string {
  const { maxGroups, maxEdge, minDigits, maxDigits } = shape;
  const groups = run.split(separator);
  const starts: number[] = [];
  let offset = 0;
  for (const group of groups) {
    starts.push(offset);
    offset += group.length + 1;
  }
  let result = run;
  const mask = (start: number, end: number): void => {
    result = result.slice(0, start) + redact(result.slice(start, end)) + result.slice(end);
  };
  for (let first = 0; first < groups.length; first++) {
    const head = groups[first]!;
    if (head.length >= minDigits && head.length <= maxDigits && accepts([head], false)) mask(starts[first]!, starts[first]! + head.length);
    let middleDigits = 0;
    for (let last = first + 1; last < groups.length && last - first < maxGroups; last++) {
      const tail = groups[last]!;
      // Trimming only shortens the edges: a window whose middle alone is too long, or whose whole is too short, cannot match.
      if (middleDigits > maxDigits) break;
      if (head.length + middleDigits + tail.length < minDigits) {
        middleDigits += tail.length;
        continue;
      }
      const middle = groups.slice(first + 1, last);
      middleDigits += tail.length;
      // Characters cut off the front of the first group, and kept at the front of the last. Any first
      // group may be glued to a number before it ("9555-123-4567", "v1.2.3555-123-4567"), short ones too.
      const cuts = [0, ...range(Math.max(1, head.length - maxEdge), head.length - 1)];
      // A last group longer than any a match ends with is glued: every length is tried (an Amex ends with 5 digits).
      const keeps = tail.length > maxEdge ? [tail.length, ...range(1, Math.min(tail.length - 1, maxDigits))] : [tail.length];
      for (const cut of cuts) {
        for (const keep of keeps) {
          if (accepts([head.slice(cut), ...middle, tail.slice(0, keep)], cut > 0 || keep < tail.length)) {
            mask(starts[first]! + cut, starts[last]! + keep);
          }
        }
      }
    }
  }
  return result;
}

/** The integers from `from` to `to`, inclusive. */
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
