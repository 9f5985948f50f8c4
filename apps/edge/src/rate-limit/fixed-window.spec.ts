import { decide, windowStart } from './fixed-window';

describe('fixed window', () => {
  it('allows up to the limit within a window and refuses the next, saying when to come back', () => {
    const now = 60_000 * 10 + 15_000; // 15 s into a minute window
    expect(decide(100, 100, now, 60_000)).toEqual({ allowed: true, remaining: 0, resetSeconds: 45 });
    expect(decide(101, 100, now, 60_000)).toEqual({ allowed: false, remaining: 0, resetSeconds: 45 });
  });

  it('starts windows on their boundary, and never asks a client to wait zero seconds', () => {
    expect(windowStart(125_500, 60_000)).toBe(120_000);
    expect(decide(5, 1, 179_999, 60_000).resetSeconds).toBe(1);
  });
});
