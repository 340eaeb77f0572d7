import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('login rate limit (token bucket per IP)', () => {
  it.each([
    // perMinute, attempts at t=0, then allowed?
    { perMinute: 10, attempts: 10, expectedAllowed: 10 },
    { perMinute: 10, attempts: 11, expectedAllowed: 10 },
    { perMinute: 3, attempts: 8, expectedAllowed: 3 },
    { perMinute: 1, attempts: 2, expectedAllowed: 1 },
  ])('allows $perMinute of $attempts attempts at once', ({ perMinute, attempts, expectedAllowed }) => {
    const limiter = createRateLimiter(perMinute, () => 0);
    const allowed = Array.from({ length: attempts }, () => limiter.take('10.0.0.1').allowed).filter(Boolean).length;
    expect(allowed).toBe(expectedAllowed);
  });

  it('refills evenly over the minute and says when to come back', () => {
    let t = 0;
    const limiter = createRateLimiter(10, () => t);
    for (let i = 0; i < 10; i++) expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    t = 5_999;
    expect(limiter.take('a').allowed).toBe(false);
    t = 11_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    t = 72_000;
    for (let i = 0; i < 10; i++) expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('counts each address on its own', () => {
    const limiter = createRateLimiter(2, () => 0);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });
});
