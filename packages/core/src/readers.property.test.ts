import { createEventMasker, type PrivacyLevel, type RecordedEvent } from '@lowlight/mask';
import { record } from '@rrweb/record';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_FACTOR } from '../../../test/support/fastCheck';
import { expectMaskedPage, markup, recordRandomPage, SPLIT_PIECE } from '../../../test/support/randomPages';
import { readInlineRun } from './readInlineRun';
import { readTextsBefore } from './readTextsBefore';

/** Masks as the recorder does, with the readers of the live page: call it while the recorded page is still there. */
function maskWithPage(events: RecordedEvent[], level: PrivacyLevel): string {
  const masker = createEventMasker({
    level,
    inlineRunOf: (id) => readInlineRun(record.mirror, id),
    textsBeforeOf: (id) => readTextsBefore(record.mirror, id),
  });
  return JSON.stringify(structuredClone(events).map((event) => masker.maskEvent(event)).filter((event) => event !== null));
}

describe.each<PrivacyLevel>(['strict', 'balanced'])('the masker with the live page readers, at %s', (level) => {
  it('never lets a detector match, a typed value, a split card number or a value after its label out, and never adds visible text', async () => {
    await fc.assert(
      fc.asyncProperty(markup, async (html) => {
        const raw = await recordRandomPage(html);
        // A split piece is its own text node, so its JSON string is quoted: `"4242"`. Unquoted, rrweb's node ids (they
        // count on across a fuzz run: `"id":4242`) and a lone four-digit number (`4242 plain`, visible by design) matched.
        expectMaskedPage(raw, maskWithPage(raw, level), level, [JSON.stringify(SPLIT_PIECE), 'Tp9Random']);
      }),
      { numRuns: 40 * FUZZ_FACTOR },
    );
  }, 60_000 * FUZZ_FACTOR);
});
