import { AccessDenied, authorize, canRead, grantCovers } from './access-policy';
import { parseGrants, Principal } from './principal';

const EUROCITIES = 'net-eurocities';
const ECCIPA = 'net-eccipa';
const RAVENNA = 'member-ravenna';
const CARTAGENA = 'member-cartagena';

const person = (...grants: Principal['grants']): Principal => ({ subject: 's', grants });

function refusal(fn: () => void): AccessDenied {
  try {
    fn();
  } catch (e) {
    if (e instanceof AccessDenied) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('authorize', () => {
  it('lets a network admin change anything in their network, and nothing in another', () => {
    const admin = person({ role: 'network-admin', networkId: ECCIPA });
    expect(() => authorize(admin, ['network-admin'], { networkId: ECCIPA, memberId: RAVENNA })).not.toThrow();
    expect(refusal(() => authorize(admin, ['network-admin'], { networkId: EUROCITIES })).rule).toBe('access.network');
  });

  it("lets a city liaison change their own city's data only", () => {
    const liaison = person({ role: 'city-liaison', networkId: ECCIPA, memberId: RAVENNA });
    expect(() => authorize(liaison, ['network-admin', 'city-liaison'], { networkId: ECCIPA, memberId: RAVENNA })).not.toThrow();
    const denied = refusal(() => authorize(liaison, ['network-admin', 'city-liaison'], { networkId: ECCIPA, memberId: CARTAGENA }));
    expect(denied.rule).toBe('access.own-city');
    expect(denied.message).toContain(RAVENNA);
  });

  it('does not let a city liaison act on network-wide data', () => {
    const liaison = person({ role: 'city-liaison', networkId: ECCIPA, memberId: RAVENNA });
    expect(refusal(() => authorize(liaison, ['network-admin', 'city-liaison'], { networkId: ECCIPA })).rule).toBe('access.own-city');
  });

  it('refuses a role the route does not allow, naming the roles it needs', () => {
    const viewer = person({ role: 'viewer', networkId: ECCIPA });
    const denied = refusal(() => authorize(viewer, ['network-admin', 'grant-officer'], { networkId: ECCIPA }));
    expect(denied.rule).toBe('access.role');
    expect(denied.message).toContain('network-admin, grant-officer');
  });

  it('uses whichever of several grants covers the target', () => {
    const both = person({ role: 'viewer', networkId: EUROCITIES }, { role: 'city-liaison', networkId: ECCIPA, memberId: RAVENNA });
    expect(() => authorize(both, ['city-liaison'], { networkId: ECCIPA, memberId: RAVENNA })).not.toThrow();
    expect(canRead(both, EUROCITIES)).toBe(true);
    expect(canRead(both, 'net-other')).toBe(false);
  });

  it("gives the node operator's '*' grant every network", () => {
    expect(grantCovers({ role: 'network-admin', networkId: '*' }, { networkId: EUROCITIES })).toBe(true);
  });
});

describe('parseGrants', () => {
  it('keeps well-formed grants and drops the rest', () => {
    expect(
      parseGrants([
        { role: 'network-admin', networkId: ECCIPA },
        { role: 'city-liaison', networkId: ECCIPA, memberId: RAVENNA },
        { role: 'city-liaison', networkId: ECCIPA },
        { role: 'emperor', networkId: ECCIPA },
        'viewer',
      ]),
    ).toEqual([
      { role: 'network-admin', networkId: ECCIPA },
      { role: 'city-liaison', networkId: ECCIPA, memberId: RAVENNA },
    ]);
    expect(parseGrants('network-admin')).toEqual([]);
  });
});
