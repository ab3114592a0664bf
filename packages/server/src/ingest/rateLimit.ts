/** A token bucket's shape: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface RateLimiter {
  /** Takes one token for `key`; returns 0 when allowed, else the seconds to wait before the next token. */
  take(key: string): number;
}

/** Buckets kept before idle ones are dropped, so a flood of new clients cannot grow memory without bound. */
const MAX_BUCKETS = 100_000;

/**
 * In-memory token buckets, one per key, per process. N instances behind a
 * load balancer allow up to N times the rate; that is the price of keeping the
 * stores free of per-request writes.
 */
export function createRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();

  function refill(bucket: { tokens: number; at: number }, time: number): void {
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((time - bucket.at) / 1000) * limit.perSecond);
    bucket.at = time;
  }

  function dropFullBuckets(time: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, time);
      if (bucket.tokens >= limit.burst) buckets.delete(key);
    }
    // Still full of busy clients: forget the oldest rather than grow.
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_BUCKETS) break;
      buckets.delete(key);
    }
  }

  return {
    take(key) {
      const time = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= MAX_BUCKETS) dropFullBuckets(time);
        bucket = { tokens: limit.burst, at: time };
        buckets.set(key, bucket);
      }
      refill(bucket, time);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / limit.perSecond);
    },
  };
}
