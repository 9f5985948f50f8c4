import { firstVersion, present, revise } from './revise';

describe('revise', () => {
  const t0 = new Date('2024-01-01T00:00:00Z');
  const t1 = new Date('2024-02-01T00:00:00Z');
  const current = { name: 'Ravenna', languages: ['it'], region: 'IT-45' as string | null, ...firstVersion(t0) };

  it('applies the given fields at the next version', () => {
    expect(revise(current, { name: 'Ravenna (RA)', region: null }, t1)).toEqual({
      ...current,
      name: 'Ravenna (RA)',
      region: null,
      version: 2,
      updatedAt: t1,
    });
  });

  it('changes nothing, not even the version, when nothing differs', () => {
    expect(revise(current, {}, t1)).toBeUndefined();
    expect(revise(current, { name: 'Ravenna', languages: ['it'], region: undefined }, t1)).toBeUndefined();
  });

  it('leaves absent optional fields out of event payloads', () => {
    expect(present({ a: 1, b: null, c: 'x' })).toEqual({ a: 1, c: 'x' });
  });
});
