import fc from 'fast-check';
import { firstVersion, newerCopy, nextVersion, present, Versioned, versionOfEvent } from './versioned';

describe('versioned aggregates', () => {
  const t0 = new Date('2024-01-01T00:00:00Z');
  const t1 = new Date('2024-01-02T00:00:00Z');

  it('start at version 1 and count every change', () => {
    const a = { id: 'a', name: 'x', ...firstVersion(t0) };
    expect(nextVersion(a, { name: 'y' }, t1)).toEqual({ id: 'a', name: 'y', version: 2, createdAt: t0, updatedAt: t1 });
  });

  it('leave absent fields out of payloads', () => {
    expect(present({ a: 1, b: null, c: undefined, d: '' })).toEqual({ a: 1, d: '' });
  });
});

describe("a copy of another node's aggregate", () => {
  const T0 = new Date('2026-03-02T00:00:00Z');
  /** Versions 1…n of one aggregate, each told at its own instant. */
  const versions = (n: number) =>
    Array.from({ length: n }, (_, i): Versioned & { n: number } => ({
      n: i + 1,
      version: i + 1,
      createdAt: new Date(T0.getTime() + i * 60_000),
      updatedAt: new Date(T0.getTime() + i * 60_000),
    }));
  const fold = <T extends Versioned>(events: T[]) => events.reduce<T | undefined>((held, e) => newerCopy(held, e), undefined)!;

  it('keeps the newer version: a stale event changes nothing', () => {
    const [v1, v2, v3] = versions(3);
    const held = fold([v1, v3]);
    expect(newerCopy(held, v2)).toEqual(held);
    expect(newerCopy(held, v3)).toEqual(held);
    expect(held).toMatchObject({ n: 3, version: 3, createdAt: v1.createdAt, updatedAt: v3.updatedAt });
  });

  it('ends where the hub is whatever the order, and however often each event comes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray(Array.from({ length: n * 3 }, (_, i) => i % n), { minLength: n * 3, maxLength: n * 3 }))),
        ([n, order]) => {
          const all = versions(n);
          expect(fold(order.map((i) => all[i]))).toEqual({ ...all[n - 1], createdAt: all[0].createdAt });
        },
      ),
    );
  });

  it('dates the copy from the first version it saw when the first never came', () => {
    const [, v2, v3] = versions(3);
    expect(fold([v3, v2])).toMatchObject({ version: 3, createdAt: v2.createdAt });
  });

  it("takes its version from the event that carried its state, refusing an instant that isn't one", () => {
    expect(versionOfEvent({ aggregate: { version: 3 }, occurredAt: '2026-03-01T10:00:00Z' })).toEqual({ version: 3, createdAt: new Date('2026-03-01T10:00:00Z'), updatedAt: new Date('2026-03-01T10:00:00Z') });
    expect(() => versionOfEvent({ aggregate: { version: 3 }, occurredAt: 'yesterday' })).toThrow(TypeError);
  });
});
