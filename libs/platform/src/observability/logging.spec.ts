import { redactQuery } from './logging';

describe('redactQuery', () => {
  it('keeps personal data in a query string out of the logs', () => {
    expect(redactQuery('/api/membership/people?memberId=m1&email=elena.garcia%40accem.example.org&limit=1')).toBe(
      '/api/membership/people?memberId=m1&email=[redacted]&limit=1',
    );
    expect(redactQuery('/api/membership/members?slug=ravenna')).toBe('/api/membership/members?slug=ravenna');
  });
});
