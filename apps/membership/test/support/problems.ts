import type { Response } from 'supertest';

export interface ExpectedProblem {
  rule?: string;
  /** Each field and the rule it broke; others may be named too. */
  violations?: { field: string; rule: string }[];
}

/** The reply is an RFC 9457 problem with this status, naming the rule and fields given. */
export function expectProblem(res: Response, status: number, expected: ExpectedProblem = {}): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status, ...(expected.rule && { rule: expected.rule }) } });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  if (expected.violations) {
    expect(res.body.violations).toEqual(expect.arrayContaining(expected.violations.map((v) => expect.objectContaining(v))));
  }
}
