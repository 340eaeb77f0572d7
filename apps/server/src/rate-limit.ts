/**
 * A token bucket per key (an IP address): `perMinute` attempts at once, refilled evenly over a
 * minute. In memory, so it counts per process: with several instances behind a load balancer
 * the limit should move to the database (see docs/identity.md).
 */
export interface RateLimiter {
  /** Takes one attempt for the key. False when the bucket is empty; then retryAfterSeconds says when to come back. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

const MAX_KEYS = 10_000;

export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;

  function forget(t: number) {
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (t - bucket.at) * refillPerMs >= perMinute) buckets.delete(key);
    }
  }

  return {
    take(key) {
      const t = now();
      if (buckets.size >= MAX_KEYS) forget(t);
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: t };
      const tokens = Math.min(perMinute, bucket.tokens + Math.max(0, t - bucket.at) * refillPerMs);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: t });
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000)) };
      }
      buckets.set(key, { tokens: tokens - 1, at: t });
      return { allowed: true };
    },
  };
}
