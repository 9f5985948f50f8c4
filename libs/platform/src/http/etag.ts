import { ProblemException } from './problem';

/** Strong ETag from an aggregate's version: it changes with every change. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Honours `If-Match`: a client that read version N may only change the aggregate while it is
 * still at N (412 otherwise). Without the header the change goes ahead.
 */
export function checkIfMatch(ifMatch: string | undefined, currentVersion: number): void {
  if (!ifMatch) return;
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags.includes('*') || tags.includes(etagOf(currentVersion))) return;
  throw new ProblemException(412, {
    rule: 'if-match',
    detail: `the resource is at version ${currentVersion} (ETag ${etagOf(currentVersion)}), not ${ifMatch}`,
  });
}
