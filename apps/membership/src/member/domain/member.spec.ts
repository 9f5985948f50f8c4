import { changeMember, joinMember, leaveNetwork, MemberFields, memberLeft, memberState, normaliseLanguages } from './member';

const now = new Date('2024-01-01T00:00:00Z');
const later = new Date('2024-02-01T00:00:00Z');
const ravenna: MemberFields = {
  slug: 'ravenna',
  kind: 'city',
  name: 'Ravenna',
  legalName: 'Comune di Ravenna',
  country: 'IT',
  region: 'IT-45',
  timeZone: 'Europe/Rome',
  languages: ['IT', 'en-gb', 'it'],
  homeNodeId: 'hub',
};

describe('members', () => {
  it('keep each language once, spelled canonically, the main one first', () => {
    expect(joinMember('m1', 'n1', ravenna, now).languages).toEqual(['it', 'en-GB']);
    expect(() => normaliseLanguages(['xx'])).toThrow(expect.objectContaining({ rule: 'member.languages', field: 'languages' }));
    expect(() => normaliseLanguages([])).toThrow(expect.objectContaining({ rule: 'member.languages' }));
  });

  it('have a region only within their country', () => {
    expect(() => joinMember('m1', 'n1', { ...ravenna, region: 'DE-HE' }, now)).toThrow(
      expect.objectContaining({ rule: 'member.region.in-country', field: 'region', kind: 'invalid' }),
    );
    const m = joinMember('m1', 'n1', ravenna, now);
    expect(() => changeMember(m, { country: 'DE' }, later)).toThrow(expect.objectContaining({ rule: 'member.region.in-country' }));
    expect(changeMember(m, { country: 'DE', region: 'DE-HE' }, later)).toMatchObject({ country: 'DE', region: 'DE-HE', version: 2 });
  });

  it('publish their full state, leaving absent fields out', () => {
    const m = joinMember('m1', 'n1', { ...ravenna, region: null }, now);
    expect(memberState(m)).not.toHaveProperty('region');
    expect(memberState(m)).toMatchObject({ memberId: 'm1', networkId: 'n1', languages: ['it', 'en-GB'] });
  });

  it('leave once, and no longer change after', () => {
    const left = leaveNetwork(joinMember('m1', 'n1', ravenna, now), '2024-06-30', 'merged', later);
    expect(left).toMatchObject({ leftOn: '2024-06-30', leaveReason: 'merged', version: 2 });
    expect(memberLeft(left)).toEqual({ memberId: 'm1', networkId: 'n1', leftOn: '2024-06-30', reason: 'merged' });
    expect(() => leaveNetwork(left, '2024-07-01', null, later)).toThrow(expect.objectContaining({ rule: 'member.already-left', kind: 'conflict' }));
    expect(() => changeMember(left, { name: 'X' }, later)).toThrow(expect.objectContaining({ rule: 'member.left' }));
  });
});
