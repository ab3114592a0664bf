import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_FACTOR } from '../../../test/support/fastCheck';
import { expectMaskedPage, markup, recordRandomPage } from '../../../test/support/randomPages';
import { createEventMasker } from './createEventMasker';
import type { RecordedEvent } from './rrweb';
import type { PrivacyLevel } from './types';

function maskAll(events: RecordedEvent[], level: PrivacyLevel): RecordedEvent[] {
  const masker = createEventMasker({ level });
  return structuredClone(events)
    .map((event) => masker.maskEvent(event))
    .filter((event): event is RecordedEvent => event !== null);
}

describe.each<PrivacyLevel>(['strict', 'balanced'])('createEventMasker properties at %s', (level) => {
  it('never lets a detector match or typed field value out, is idempotent, guard-clean, and never adds visible text', async () => {
    await fc.assert(
      fc.asyncProperty(markup, async (html) => {
        const raw = await recordRandomPage(html);
        const once = maskAll(raw, level);
        const sent = JSON.stringify(once);
        expectMaskedPage(raw, sent, level);
        expect(JSON.stringify(maskAll(once, level))).toBe(sent);
      }),
      { numRuns: 40 * FUZZ_FACTOR },
    );
  }, 60_000 * FUZZ_FACTOR);
});
