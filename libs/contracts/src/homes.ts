import type { EventEnvelope } from './envelope';
import { owningService } from './event-definition';

/**
 * Where an aggregate is written (ARCHITECTURE §6): every aggregate has one home node, the only
 * node whose services change it and publish its events. A city's own data lives on the node the
 * city's member record names (`homeNodeId`); everything network-wide, and everything two cities
 * share (a pairing, an activity's seats), has one writer at the hub, so that one database guards
 * each invariant: a pairing (one live pairing per pair of cities, no visitor in two overlapping
 * visits), a blackout (checked against visits already scheduled), an activity's seats.
 *
 * Every event of a city-homed aggregate names its member in the field given here, so the node an
 * event came from can be checked against the member's home without any other state.
 */
export type HomeRule = { at: 'hub' } | { at: 'member'; field: string };

const HUB: HomeRule = { at: 'hub' };

/**
 * Keyed `<service>.<aggregate type>`: aggregate types are only unique within a service.
 *
 * A city's expenditure report (`grants.city-report`: submitted, resubmitted after a return) is
 * written on the city's node, against its copy of the hub's sub-grant; the officer's review of a
 * revision (`grants.report-review`) is the hub's, written against the hub's copy of the report.
 * The older `grants.expenditure-report` events, one aggregate holding both, stay the hub's.
 */
const CITY_HOMED: Readonly<Record<string, HomeRule>> = {
  'membership.person': { at: 'member', field: 'memberId' },
  'grants.city-report': { at: 'member', field: 'memberId' },
};

export function homeRuleOf(eventType: string, aggregateType: string): HomeRule {
  return CITY_HOMED[`${owningService(eventType)}.${aggregateType}`] ?? HUB;
}

/**
 * Services whose events stay on the node that wrote them: a node's notifications (preferences,
 * inbox, webhooks, deliveries) serve its own users, and nothing elsewhere reads them.
 */
export const NODE_LOCAL_SERVICES: readonly string[] = ['notifications'];

/** The aggregate kinds a city node writes itself, as `<service>.<aggregate type>`. */
export const CITY_HOMED_AGGREGATES: readonly string[] = Object.keys(CITY_HOMED);

export type HomeClaim = { at: 'hub' } | { at: 'member'; memberId: string } | { at: 'unknown'; reason: string };

/** Whose node an event says it belongs to, read from the event alone. */
export function homeClaimOf(envelope: EventEnvelope<object>): HomeClaim {
  const rule = homeRuleOf(envelope.type, envelope.aggregate.type);
  if (rule.at === 'hub') return rule;
  const memberId = (envelope.data as Record<string, unknown>)[rule.field];
  if (typeof memberId !== 'string' || !memberId) {
    return { at: 'unknown', reason: `${envelope.type} carries no ${rule.field} to tell its home by` };
  }
  return { at: 'member', memberId };
}

/** Whether every write of a service is homed at the hub, so a city node serves only its reads. */
export function writesOnlyAtHub(service: string): boolean {
  return !NODE_LOCAL_SERVICES.includes(service) && !CITY_HOMED_AGGREGATES.some((a) => a.startsWith(`${service}.`));
}
