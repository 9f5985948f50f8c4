import { EventEnvelope, homeClaimOf } from '@intercity/contracts';

/** What the hub does with an event that came in from a city node. */
export type Verdict =
  | { verdict: 'accept' }
  /** Never valid from this node: dead-lettered with the reason. */
  | { verdict: 'reject'; reason: string }
  /** Can't be told yet (the member it names has not reached the hub): tried again later. */
  | { verdict: 'wait'; reason: string };

export interface ArrivalContext {
  /** The city node whose streams the event was sourced from: the only thing a city can't forge. */
  fromNode: string;
  hubNode: string;
  /** The member's home node, or undefined when the member is not known (yet). */
  homeOfMember(memberId: string): string | undefined;
}

/**
 * A city node may only publish what it writes itself: events it originated, of aggregates homed on
 * it. Anything else (another city's person, a network-wide aggregate, an event relayed from
 * elsewhere) is refused, so one compromised city can't write another's data.
 */
export function judgeArrival(envelope: EventEnvelope<object>, ctx: ArrivalContext): Verdict {
  if (envelope.origin !== ctx.fromNode) {
    return { verdict: 'reject', reason: `origin ${envelope.origin} is not the node it came from (${ctx.fromNode})` };
  }
  const claim = homeClaimOf(envelope);
  if (claim.at === 'unknown') return { verdict: 'reject', reason: claim.reason };
  if (claim.at === 'hub') {
    return { verdict: 'reject', reason: `${envelope.aggregate.type} is homed at the hub (${ctx.hubNode}); ${ctx.fromNode} may not write it` };
  }
  const home = ctx.homeOfMember(claim.memberId);
  if (home === undefined) return { verdict: 'wait', reason: `member ${claim.memberId} is not known at the hub yet` };
  if (home !== ctx.fromNode) {
    return { verdict: 'reject', reason: `member ${claim.memberId} is homed on ${home}, not on ${ctx.fromNode}` };
  }
  return { verdict: 'accept' };
}
