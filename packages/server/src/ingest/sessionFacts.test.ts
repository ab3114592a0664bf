import { describe, expect, it } from 'vitest';
import { firstBatch, laterBatch } from '../../../../test/server/support/batches';
import type { BatchEnvelope } from '@lowlight/transport';
import { batchFacts } from './sessionFacts';

const envelope = (policy: string) => ({ policy }) as BatchEnvelope;

describe('batchFacts', () => {
  it('reads the pageview, the visitor, clicks, the level and the full snapshot of a first batch', () => {
    const batch = firstBatch({ visitorId: 'visitor-42', url: 'https://shop.example/cart' });
    expect(batchFacts(envelope('lowlight/1;level=strict;dnt=1'), batch.events)).toEqual({
      pageview: { url: 'https://shop.example/cart', title: 'Shop', browser: 'Chrome 150', os: 'Linux' },
      pageviews: 1,
      clicks: 1,
      visitorId: 'visitor-42',
      privacyLevel: 'strict',
      fullSnapshot: true,
    });
  });

  it('finds no pageview, visitor or snapshot in a later batch, and counts its click', () => {
    const facts = batchFacts(envelope('lowlight/1'), laterBatch(firstBatch(), 1).events);
    expect(facts).toMatchObject({ pageview: null, pageviews: 0, clicks: 1, visitorId: null, privacyLevel: null, fullSnapshot: false });
  });

  it('ignores custom events whose payload is malformed', () => {
    const events = [
      { type: 5, timestamp: 1, data: { tag: 'lowlight/identify', payload: { id: 42 } } },
      { type: 5, timestamp: 2, data: { tag: 'lowlight/pageview', payload: 'nope' } },
    ];
    expect(batchFacts(envelope('lowlight/1'), events)).toMatchObject({ visitorId: null, pageviews: 0 });
  });
});
