import { AckPolicy, DeliverPolicy, JetStreamManager, StreamSource } from '@nats-io/jetstream';
import { EVENT_REGISTRY, NODE_LOCAL_SERVICES, owningService, PEOPLE_STREAM } from '@intercity/contracts';
import { eventStreamName, MessagingNamespace, PULLED_FROM_HUB } from './namespace';
import { baseStreamConfig, DEFAULT_RETENTION, ensureDurableConsumer, ensureStream, StreamRetention } from './streams';

/**
 * How this node's NATS server takes part in the network (ARCHITECTURE §6).
 *
 * - `standalone`: one node, no other NATS server; consumers read the services' own streams.
 * - `hub`: city nodes' NATS servers are its leaf nodes. It sources each city's streams into an
 *   ingest stream per city, and membership's ingest gate republishes what the city may write into
 *   the hub's own streams, which are then the network's record. Consumers read those. For each
 *   city it keeps a durable consumer on each of those streams, which the city pulls.
 * - `city`: a leaf node of the hub with its own JetStream domain. Its services write their own
 *   streams (sourced by the hub); consumers read a network stream per service, which sources the
 *   node's own stream and takes what the city's feed pulls from the hub, so they go on with local
 *   events while the link is down.
 *
 * A city never creates consumers on the hub: a consumer's delivery subject can't be limited by
 * permissions, and one pointed at a subject a hub stream captures would copy that stream into
 * itself without end. The hub creates the city's consumers; the city may only pull and ack them.
 */
export type FederationRole = 'standalone' | 'hub' | 'city';

export interface Federation {
  role: FederationRole;
  /** This node's id: its deliveries and pulls over the leaf connection carry it. */
  nodeId: string;
  /** The hub's JetStream domain, which a city node pulls network events through. */
  hubDomain: string;
}

/**
 * The services whose streams every node of the network reads: all but those whose events stay on
 * their node. A city pulls these from the hub.
 */
export const FEDERATED_SERVICES: readonly string[] = [...new Set(EVENT_REGISTRY.types.map(owningService))]
  .filter((s) => !NODE_LOCAL_SERVICES.includes(s))
  .sort();

/**
 * The streams the hub sources from each city: the federated services' and the city's people, who
 * go to the hub and no further (a city never pulls `PEOPLE` from the hub).
 */
export const STREAMS_TO_HUB: readonly string[] = [...FEDERATED_SERVICES, PEOPLE_STREAM];

export const STANDALONE: Federation = { role: 'standalone', nodeId: 'local', hubDomain: 'hub' };

/**
 * Where a city's streams cross its leaf connection to the hub's ingest sources. Each city has a
 * prefix of its own, so the hub's permissions for that city's leaf user allow its own traffic only.
 */
export function deliveryPrefix(cityId: string, ns: MessagingNamespace): string {
  return `${ns.subjectPrefix}fed.${cityId}.to-hub`;
}

/** The durable consumer the hub keeps on each of its streams for one city: `TO_RAVENNA`. */
export function feedConsumerName(cityId: string): string {
  return `TO_${cityId.toUpperCase().replace(/-/g, '_')}`;
}

/** The inbox prefix of a city's feed connection: replies to its pulls come back on it alone. */
export function feedInboxPrefix(cityId: string): string {
  return `_INBOX_${cityId}`;
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

/**
 * The stream a service's consumers read another service's events from, on this node: on a city,
 * the network stream, except for people, who are only ever the city's own.
 */
export function readStreamName(source: string, ns: MessagingNamespace, federation: Federation): string {
  return federation.role === 'city' && source !== PEOPLE_STREAM ? networkStreamName(source, ns) : eventStreamName(source, ns);
}

/**
 * On a city node: the network stream of `source`, holding this node's own events (sourced) and
 * those the feed pulled from the hub (published under `network.`).
 */
export async function ensureNetworkStream(
  jsm: JetStreamManager,
  source: string,
  ns: MessagingNamespace,
  r: StreamRetention = DEFAULT_RETENTION,
): Promise<void> {
  await ensureStream(jsm, {
    ...baseStreamConfig(networkStreamName(source, ns), [`${ns.subjectPrefix}${PULLED_FROM_HUB}.${source}.>`], sourcedRetention(r)),
    sources: [{ name: eventStreamName(source, ns) }],
  });
}

/** On the hub: the durable consumer a city pulls one of the hub's streams through. */
export function ensureFeedConsumer(jsm: JetStreamManager, source: string, cityId: string, ns: MessagingNamespace): Promise<void> {
  return ensureDurableConsumer(jsm, eventStreamName(source, ns), {
    durable_name: feedConsumerName(cityId),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: 30_000 * NANOS_PER_MS,
    max_deliver: -1,
    max_ack_pending: 5_000,
  });
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
    external: { api: domainApi(node.domain), deliver: deliveryPrefix(node.id, ns) },
  }));
  await ensureStream(jsm, { ...baseStreamConfig(ingestStreamName(node.id, ns), undefined, sourcedRetention(r)), sources });
}

const NANOS_PER_MS = 1_000_000;

/**
 * Streams fed by sourcing keep the shortest duplicate window the server allows (100 ms; 2.9 can't
 * turn it off). On nats-server 2.9 a sourced message refused as a duplicate makes the source retry
 * from that same message, and so stall until the window has passed (two minutes by default).
 * Consumers skip repeated events by id (their inbox), so nothing is lost by letting them in.
 */
function sourcedRetention(r: StreamRetention): StreamRetention {
  return { ...r, duplicateWindowMs: 100 };
}
