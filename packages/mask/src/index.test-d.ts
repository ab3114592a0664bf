import { describe, expectTypeOf, it } from 'vitest';
import { createEventMasker, regexDetector, type Detector, type EventMasker, type PrivacyLevel, type RecordedEvent } from '@lowlight/mask';
import { email } from '@lowlight/mask/email';
import { iban } from '@lowlight/mask/iban';

describe('@lowlight/mask public types', () => {
  it('createEventMasker takes a level and detectors, and masks or drops events', () => {
    const masker = createEventMasker({ level: 'strict', detectors: [iban], disableDetectors: [email.name] });
    expectTypeOf(masker).toEqualTypeOf<EventMasker>();
    expectTypeOf(masker.maskEvent).parameter(0).toEqualTypeOf<RecordedEvent>();
    expectTypeOf(masker.maskEvent).returns.toEqualTypeOf<RecordedEvent | null>();
    expectTypeOf<PrivacyLevel>().toEqualTypeOf<'strict' | 'balanced' | 'relaxed'>();
    // @ts-expect-error: not a privacy level
    createEventMasker({ level: 'off' });
  });

  it('a detector is a named object with maskMatches; regexDetector makes one', () => {
    expectTypeOf(regexDetector({ name: 'acme/order-id@1', label: 'order id', pattern: /ORD-\d{6}/ })).toEqualTypeOf<Detector>();
    expectTypeOf(email).toExtend<Detector>();
    expectTypeOf<Detector['maskMatches']>().toEqualTypeOf<(text: string, redact: (match: string) => string) => string>();
    // @ts-expect-error: a detector needs a pattern
    regexDetector({ name: 'acme/x@1', label: 'x' });
  });
});
