import { performance } from 'node:perf_hooks';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { v7 as uuidv7 } from 'uuid';
import { eventStreamName, eventSubject } from '@intercity/messaging';
import { TestFederation } from '@intercity/service-testing';
import { until } from '../support/env';
import { Figure, figure } from '../support/report';

const BACKLOG = Number(process.env.BENCH_FEDERATION_BACKLOG ?? 50_000);
const BEHIND = Number(process.env.BENCH_FEDERATION_BEHIND ?? 10_000);

/**
 * Federation: a city node cut off from the hub while `n` events pile up in its `PEOPLE` stream
 * (as its membership service would have written them: person registrations of its own member),
 * then the link restored. The city's own consumers digest those events before the link returns, as they
 * would during a real outage (hours, not the seconds this one lasts), so that the city's processes,
 * which on a real network run on the city's own machine, don't share this machine's two cores
 * with the hub's catch-up.
 *
 * Two clocks: from the restore (reconnecting included) and from the first event of the backlog
 * reaching the hub, each until the hub's read model (practice's copies of people) holds all of
 * them: sourcing into the hub's ingest stream, the gate, the hub's stream, practice's consumer and
 * its database. The rate is taken on the second clock, the backlog's throughput once the link
 * carries it; the reconnect is reported beside it. Baseline: a durable pull consumer with explicit
 * acks reading the same number of the same messages from a stream on the hub's server, in the same run.
 */
export async function federationBacklogCase(step: (s: string) => void): Promise<Figure[]> {
  const net = await TestFederation.start({ cities: ['ravenna'] });
  try {
    const memberId = (await net.seedNetwork([{ slug: 'ravenna', home: 'ravenna', country: 'IT', timeZone: 'Europe/Rome' }])).memberOf.ravenna;
    const hubPractice = await net.hub.db('practice');
    const peopleAtHub = async () => Number((await hubPractice.query('SELECT count(*)::int AS n FROM people WHERE member_id = $1', [memberId]))[0].n);

    const envelopes = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const id = uuidv7();
        const personId = uuidv7();
        return {
          id,
          type: 'membership.person.registered',
          version: 1,
          occurredAt: new Date().toISOString(),
          origin: 'ravenna',
          aggregate: { type: 'person', id: personId, version: 1 },
          actor: { kind: 'person', id: 'bench' },
          correlationId: id,
          causationId: null,
          data: { personId, memberId, givenName: `Person${i}`, familyName: 'Bench', email: `p${i}-${id}@ravenna.example.org`, functions: ['trainee'], preferredLanguage: 'it' },
        };
      });

    // Raw JetStream: the same messages, consumed and acked by a bare durable pull consumer.
    step(`raw JetStream consume of ${BACKLOG} events on the hub's server`);
    const hubNc = await net.hub.connectNats();
    const rawRate = await (async () => {
      const jsm = await jetstreamManager(hubNc);
      const js = jetstream(hubNc);
      await jsm.streams.add({ name: `${net.ns.streamPrefix}RAW`, subjects: [`${net.ns.subjectPrefix}raw.>`] });
      await publishAll(js, envelopes(BACKLOG).map((e) => ({ subject: `${net.ns.subjectPrefix}raw.${e.type}`, data: JSON.stringify(e), id: e.id })));
      await jsm.consumers.add(`${net.ns.streamPrefix}RAW`, { durable_name: 'raw', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, max_ack_pending: 5_000 });
      const consumer = await js.consumers.get(`${net.ns.streamPrefix}RAW`, 'raw');
      const started = performance.now();
      const messages = await consumer.consume({ max_messages: 1_000 });
      let seen = 0;
      for await (const m of messages) {
        m.ack();
        if (++seen === BACKLOG) break;
      }
      await hubNc.flush();
      const ms = performance.now() - started;
      messages.stop();
      await jsm.streams.delete(`${net.ns.streamPrefix}RAW`);
      return BACKLOG / (ms / 1000);
    })();
    await hubNc.close();

    const ravenna = net.node('ravenna');
    const ravennaNc = await ravenna.connectNats();
    const statsNc = await net.hub.connectNats();
    const hubJsm = await jetstreamManager(statsNc);
    const messagesIn = async (stream: string) => (await hubJsm.streams.info(`${net.ns.streamPrefix}${stream}`)).state.messages;
    const ravennaJsm = await jetstreamManager(ravennaNc);
    const ravennaPeople = eventStreamName('people', net.ns);
    const ravennaIdle = async () => {
      for await (const c of ravennaJsm.consumers.list(ravennaPeople)) if (c.num_pending || c.num_ack_pending) return false;
      return true;
    };
    const stages: Record<string, number> = {};
    const backlog = async (n: number) => {
      const before = await peopleAtHub();
      const ingested = await messagesIn('FROM_RAVENNA');
      const accepted = await messagesIn('PEOPLE');
      ravenna.cutLink();
      await publishAll(
        jetstream(ravennaNc),
        envelopes(n).map((e) => ({ subject: eventSubject(e.type, net.ns), data: JSON.stringify(e), id: e.id })),
      );
      await until('ravenna’s own consumers to digest the backlog', ravennaIdle, 600_000, 100);
      const restored = performance.now();
      ravenna.restoreLink();
      // Where the time goes: reconnecting, sourced into the hub's ingest stream, passed by the gate, applied.
      await until('the first of the backlog at the hub', async () => (await messagesIn('FROM_RAVENNA')) > ingested, 600_000, 10);
      stages.reconnected = performance.now() - restored;
      await until('the backlog in the hub’s ingest stream', async () => (await messagesIn('FROM_RAVENNA')) >= ingested + n, 600_000, 50);
      stages.sourced = performance.now() - restored;
      await until('the backlog past the gate', async () => (await messagesIn('PEOPLE')) >= accepted + n, 600_000, 50);
      stages.gated = performance.now() - restored;
      await until('the backlog in the hub’s read model', async () => (await peopleAtHub()) === before + n, 600_000, 50);
      stages.applied = performance.now() - restored;
      return stages.applied;
    };

    step(`a ${BACKLOG}-event backlog at ravenna, cut off, to the hub's read model after the link returns`);
    const backlogMs = await backlog(BACKLOG);
    const backlogStages = { ...stages };
    step(`${BEHIND} events behind: convergence after reconnecting`);
    const behindMs = await backlog(BEHIND);
    await ravennaNc.close();
    await statsNc.close();

    const flowingMs = backlogMs - backlogStages.reconnected;
    return [
      figure({ name: 'federation.backlog_to_hub_read_model_rate', value: BACKLOG / (flowingMs / 1000), unit: 'events/s', baseline: rawRate, target: 0.4, better: 'high' }),
      figure({ name: 'federation.backlog_to_hub_read_model_rate_with_reconnect', value: BACKLOG / (backlogMs / 1000), unit: 'events/s', baseline: rawRate, target: null, better: 'high' }),
      figure({ name: 'federation.backlog_reconnect', value: backlogStages.reconnected / 1000, unit: 's', baseline: null, target: null, better: 'low' }),
      figure({ name: 'federation.backlog_to_hub_read_model', value: backlogMs / 1000, unit: 's', baseline: null, target: null, better: 'low' }),
      figure({ name: 'federation.backlog_sourced_to_hub', value: backlogStages.sourced / 1000, unit: 's', baseline: null, target: null, better: 'low' }),
      figure({ name: 'federation.backlog_past_the_gate', value: backlogStages.gated / 1000, unit: 's', baseline: null, target: null, better: 'low' }),
      figure({ name: `federation.convergence_${BEHIND / 1000}k_behind`, value: behindMs / 1000, unit: 's', baseline: null, target: 60, better: 'low' }),
    ];
  } finally {
    await net.stop();
  }
}

/** Publishes with at most 1,000 awaiting their ack, each with its event id as Nats-Msg-Id. */
async function publishAll(js: ReturnType<typeof jetstream>, messages: { subject: string; data: string; id: string }[]): Promise<void> {
  const window = 1_000;
  for (let i = 0; i < messages.length; i += window) {
    await Promise.all(messages.slice(i, i + window).map((m) => js.publish(m.subject, m.data, { msgID: m.id })));
  }
}
