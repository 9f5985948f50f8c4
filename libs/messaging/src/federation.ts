import { JetStreamManager, StreamSource } from '@nats-io/jetstream';
import { eventStreamName, MessagingNamespace } from './namespace';
import { baseStreamConfig, DEFAULT_RETENTION, ensureStream, StreamRetention } from './streams';

/**
 * How this node's NATS server takes part in the network (ARCHITECTURE §6).
 *
 * - `standalone`: one node, no other NATS server; consumers read the services' own streams.
 * - `hub`: city nodes' NATS servers are its leaf nodes. It sources each city's streams into an
 *   ingest stream per city, and membership's ingest gate republishes what the city may write into
 *   the hub's own streams, which are then the network's record. Consumers read those.
 * - `city`: a leaf node of the hub with its own JetStream domain. Its services write their own
 *   streams (sourced by the hub); consumers read a network stream per service that sources the
 *   node's own stream and the hub's, so they go on with local events while the link is down.
 */
export type FederationRole = 'standalone' | 'hub' | 'city';

export interface Federation {
  role: FederationRole;
  /** This node's id: a city's deliveries over the leaf connection carry it in their subjects. */
  nodeId: string;
  /** The hub's JetStream domain, which a city node sources network events through. */
  hubDomain: string;
}

export const STANDALONE: Federation = { role: 'standalone', nodeId: 'local', hubDomain: 'hub' };

/**
 * Where sourced messages cross a city's leaf connection. Each city has prefixes of its own, so
 * the hub's permissions for that city's leaf user allow exactly its own traffic and no other's.
 */
export function deliveryPrefix(cityId: string, direction: 'to-hub' | 'from-hub', ns: MessagingNamespace): string {
  return `${ns.subjectPrefix}fed.${cityId}.${direction}`;
}

/** The JetStream API of another domain, reached over the leaf connection. */
export function domainApi(domain: string): string {
  return `$JS.${domain}.API`;
}

/** `NETWORK_EXCHANGES`: on a city node, the exchanges events of the whole network. */
export function networkStreamName(service: string, ns: MessagingNamespace): string {
  return eventStreamName(`network-${service}`, ns);
}

/** `FROM_RAVENNA`: on the hub, everything the city node `ravenna` published, before the gate. */
export function ingestStreamName(nodeId: string, ns: MessagingNamespace): string {
  return eventStreamName(`from-${nodeId}`, ns);
}

/** The stream a service's consumers read another service's events from, on this node. */
export function readStreamName(source: string, ns: MessagingNamespace, federation: Federation): string {
  return federation.role === 'city' ? networkStreamName(source, ns) : eventStreamName(source, ns);
}

/**
 * On a city node: the network stream of `source`, sourcing this node's own stream and the hub's.
 * The hub's stream holds this node's events too, once the gate has accepted them; they arrive a
 * second time with the same event id, and consumers skip them by id (their inbox).
 */
export async function ensureNetworkStream(
  jsm: JetStreamManager,
  source: string,
  ns: MessagingNamespace,
  federation: Federation,
  r: StreamRetention = DEFAULT_RETENTION,
): Promise<void> {
  const own = eventStreamName(source, ns);
  const sources: StreamSource[] = [
    { name: own },
    { name: own, external: { api: domainApi(federation.hubDomain), deliver: deliveryPrefix(federation.nodeId, 'from-hub', ns) } },
  ];
  await ensureStream(jsm, { ...baseStreamConfig(networkStreamName(source, ns), undefined, sourcedRetention(r)), sources });
}

/** On the hub: one city node's event streams, sourced through its domain, waiting for the gate. */
export async function ensureIngestStream(
  jsm: JetStreamManager,
  node: { id: string; domain: string },
  services: readonly string[],
  ns: MessagingNamespace,
  r: StreamRetention = DEFAULT_RETENTION,
): Promise<void> {
  const sources: StreamSource[] = services.map((s) => ({
    name: eventStreamName(s, ns),
    external: { api: domainApi(node.domain), deliver: deliveryPrefix(node.id, 'to-hub', ns) },
  }));
  await ensureStream(jsm, { ...baseStreamConfig(ingestStreamName(node.id, ns), undefined, sourcedRetention(r)), sources });
}

/**
 * Streams fed by sourcing keep the shortest duplicate window the server allows (100 ms; 2.9 can't
 * turn it off). On nats-server 2.9 a sourced message refused as a duplicate makes the source retry
 * from that same message, and so stall until the window has passed (two minutes by default): the
 * echo of a city's own event coming back from the hub would stop the city's network stream.
 * Consumers skip repeated events by id (their inbox), so nothing is lost by letting them in.
 */
function sourcedRetention(r: StreamRetention): StreamRetention {
  return { ...r, duplicateWindowMs: 100 };
}
