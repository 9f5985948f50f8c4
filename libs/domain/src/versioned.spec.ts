import { firstVersion, newerCopy, nextVersion, present, versionOfEvent } from './versioned';

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
  const at = (iso: string) => new Date(iso);
  const v = (version: number, created: string) => ({ version, createdAt: at(created), updatedAt: at(created), name: `v${version}` });

  it('keeps the newer version whatever the order, created when the earliest seen was', () => {
    const v1 = v(1, '2026-01-01T00:00:00Z');
    const v2 = v(2, '2026-02-01T00:00:00Z');
    expect(newerCopy(newerCopy(undefined, v1), v2)).toEqual({ ...v2, createdAt: v1.createdAt });
    expect(newerCopy(newerCopy(undefined, v2), v1)).toEqual({ ...v2, createdAt: v1.createdAt });
    expect(newerCopy(v2, v2)).toEqual(v2);
  });

  it("takes its version from the event that carried its state, refusing an instant that isn't one", () => {
    expect(versionOfEvent({ aggregate: { version: 3 }, occurredAt: '2026-03-01T10:00:00Z' })).toEqual({ version: 3, createdAt: at('2026-03-01T10:00:00Z'), updatedAt: at('2026-03-01T10:00:00Z') });
    expect(() => versionOfEvent({ aggregate: { version: 3 }, occurredAt: 'yesterday' })).toThrow(TypeError);
  });
});
