import { firstVersion, nextVersion, present } from './versioned';

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
