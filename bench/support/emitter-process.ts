// The publishing side of the latency case, in a process of its own as a service would be: a
// TransactionRunner emitting one event per transaction at a steady rate, and the outbox relay
// running as in a service (LISTEN/NOTIFY, polling). Started by cases/latency.ts with fork().
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { connect } from '@nats-io/transport-node';
import { MemberUpdated } from '@intercity/contracts';
import { MessagingNamespace, OutboxRelay } from '@intercity/messaging';
import { createServiceDataSource, DatabaseTarget, databaseUrl, TransactionRunner } from '@intercity/persistence';
import { memberState, ORIGIN } from './events';

export interface EmitterJob {
  target: DatabaseTarget;
  natsUrl: string;
  ns: MessagingNamespace;
  rate: number;
  seconds: number;
}

export type EmitterReport =
  /** `commits`: each event's aggregate id and when its transaction's COMMIT was acknowledged (epoch ms). */
  | { ok: true; emitted: number; seconds: number; commits: [string, number][] }
  | { ok: false; error: string };

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

async function run(job: EmitterJob): Promise<EmitterReport> {
  const ds = await createServiceDataSource({ target: job.target, entities: [], migrations: [], applicationName: 'bench-emitter' }).initialize();
  const nc = await connect({ servers: job.natsUrl.split(','), name: 'bench-emitter' });
  const relay = new OutboxRelay({ service: 'membership', connectionString: databaseUrl(job.target), nc, ns: job.ns });
  const tx = new TransactionRunner(ds, ORIGIN);
  relay.start();
  try {
    for (let i = 0; !relay.isLeader; i++) {
      if (i > 500) throw new Error('the relay did not take the leader lock');
      await sleep(10);
    }
    const total = Math.round(job.rate * job.seconds);
    const inFlight = new Set<Promise<unknown>>();
    let failure: unknown;
    const commits: [string, number][] = [];
    const emitOne = (i: number) => {
      const memberId = uuidv7();
      const p = tx
        .run((uow) => uow.emit(MemberUpdated, { aggregateId: memberId, aggregateVersion: 1, data: memberState(memberId, i) }))
        .then(() => void commits.push([memberId, Date.now()]))
        .catch((e) => void (failure ??= e))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    const started = performance.now();
    let emitted = 0;
    while (emitted < total) {
      // Whatever is due by now on the schedule of one event per 1000/rate ms: one or two per tick.
      const due = Math.min(total, Math.floor(((performance.now() - started) * job.rate) / 1000) + 1);
      while (emitted < due) emitOne(emitted++);
      await sleep(1);
    }
    await Promise.all(inFlight);
    const seconds = (performance.now() - started) / 1000;
    if (failure) throw failure;
    // Let the relay publish the last rows before it stops.
    for (let i = 0; i < 1000; i++) {
      const [{ c }] = await ds.query('SELECT count(*)::int AS c FROM outbox WHERE sent_at IS NULL');
      if (c === 0) break;
      await sleep(10);
    }
    return { ok: true, emitted, seconds, commits };
  } finally {
    await relay.stop();
    await nc.close();
    await ds.destroy();
  }
}

if (require.main === module) {
  const job = JSON.parse(process.env.BENCH_EMITTER_JOB ?? '{}') as EmitterJob;
  run(job).then(
    (report) => process.send!(report, () => process.exit(0)),
    (e) => process.send!({ ok: false, error: (e as Error).stack ?? String(e) } satisfies EmitterReport, () => process.exit(1)),
  );
}
