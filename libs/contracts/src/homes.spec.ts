import type { EventEnvelope } from './envelope';
import { homeClaimOf, writesOnlyAtHub } from './homes';

const envelope = (type: string, aggregateType: string, data: object) => ({ type, aggregate: { type: aggregateType, id: 'a', version: 1 }, data }) as unknown as EventEnvelope<object>;
const RAVENNA = '0190a1b2-0000-7000-8000-000000000002';

describe('where an aggregate is written', () => {
  it("puts a city's expenditure report at the city whose member it names", () => {
    for (const type of ['grants.city-report.submitted', 'grants.city-report.resubmitted']) {
      expect(homeClaimOf(envelope(type, 'city-report', { memberId: RAVENNA }))).toEqual({ at: 'member', memberId: RAVENNA });
    }
    expect(homeClaimOf(envelope('grants.city-report.submitted', 'city-report', {}))).toMatchObject({ at: 'unknown' });
  });

  it("keeps the officer's reviews, and the reports told as one aggregate before the split, at the hub", () => {
    for (const type of ['grants.report-review.approved', 'grants.report-review.rejected', 'grants.report-review.returned']) {
      expect(homeClaimOf(envelope(type, 'report-review', { memberId: RAVENNA }))).toEqual({ at: 'hub' });
    }
    for (const type of ['grants.expenditure-report.submitted', 'grants.expenditure-report.approved']) {
      expect(homeClaimOf(envelope(type, 'expenditure-report', { memberId: RAVENNA }))).toEqual({ at: 'hub' });
    }
  });

  it('lets a city node write grants now (its reports), while exchanges and practice stay the hub’s', () => {
    expect(writesOnlyAtHub('grants')).toBe(false);
    expect(writesOnlyAtHub('exchanges')).toBe(true);
  });
});
