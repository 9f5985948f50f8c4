import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { track } from '../support/children';
import { BenchEnv, NATS_URL, until } from '../support/env';
import { EmitterJob, EmitterReport } from '../support/emitter-process';
import { Figure, figure } from '../support/report';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Case 4: commit-to-read-model latency in another service at a steady rate. A child process (the
 * publishing service) emits one event per transaction (TransactionRunner + UnitOfWork.emit) on a
 * timer, not in bursts, and runs the outbox relay; this process's reader (already listening)
 * applies each event into `member_latency`, whose deferred trigger stamps the reader's commit.
 * Latency = reader commit - the moment the emitter saw its COMMIT acknowledged, i.e. how long after
 * a write returned another service's read model shows it; split at the relay's `sent_at` (set when
 * it marks the row, after JetStream's ack) into its two legs.
 */
export async function latencyCase(env: BenchEnv, outbox: DataSource, reader: DataSource, rate: number, seconds: number): Promise<Figure[]> {
  const job: EmitterJob = { target: env.target('outbox'), natsUrl: NATS_URL, ns: env.ns, rate, seconds };
  const child = track(
    fork(resolve(__dirname, '..', 'support', 'emitter-process.ts'), [], {
      cwd: ROOT,
      execArgv: ['-r', resolve(ROOT, 'tools', 'register.js')],
      env: { ...process.env, BENCH_EMITTER_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const report = await new Promise<EmitterReport>((res) => {
    const timer = setTimeout(() => res({ ok: false, error: 'the emitter did not finish in time' }), (seconds + 60) * 1000);
    child.once('message', (m) => (clearTimeout(timer), res(m as EmitterReport)));
    child.once('exit', (code) => (clearTimeout(timer), res({ ok: false, error: `the emitter exited with ${code}` })));
  });
  if (child.exitCode === null) child.kill('SIGKILL');
  if (!report.ok) throw new Error(`bench: emitter: ${report.error}`);

  const total = report.emitted;
  await until(
    `${total} events in the read model`,
    async () => (await reader.query('SELECT count(*)::int AS c FROM member_latency WHERE committed_at IS NOT NULL'))[0].c >= total,
    30_000,
    50,
  );
  const sentAt = new Map<string, number>(
    (
      (await outbox.query(`SELECT aggregate_id AS id, sent_at AS sent FROM outbox WHERE event_type = 'membership.member.updated'`)) as {
        id: string;
        sent: Date;
      }[]
    ).map((r) => [r.id, r.sent.getTime()]),
  );
  const readAt = new Map<string, number>(
    ((await reader.query('SELECT id, committed_at AS committed FROM member_latency')) as { id: string; committed: Date }[]).map((r) => [
      r.id,
      r.committed.getTime(),
    ]),
  );
  const overall: number[] = [];
  const relayLeg: number[] = [];
  const consumerLeg: number[] = [];
  for (const [id, committed] of report.commits) {
    const sent = sentAt.get(id);
    const read = readAt.get(id);
    if (sent === undefined || read === undefined) throw new Error(`bench: event of ${id} is missing from the outbox or the read model`);
    overall.push(read - committed);
    relayLeg.push(sent - committed);
    consumerLeg.push(read - sent);
  }
  if (overall.length !== total) throw new Error(`bench: ${overall.length} commits reported for ${total} events`);
  const info = (name: string, value: number) => figure({ name, value, unit: 'ms', baseline: null, target: null, better: 'low' });
  return [
    figure({ name: 'latency.emit_rate', value: total / report.seconds, unit: 'events/s', baseline: null, target: null, better: 'high' }),
    info('latency.commit_to_read_model.p50', percentileOf(overall, 0.5)),
    figure({ name: 'latency.commit_to_read_model.p99', value: percentileOf(overall, 0.99), unit: 'ms', baseline: null, target: 100, better: 'low' }),
    info('latency.commit_to_read_model.max', Math.max(...overall)),
    info('latency.commit_to_published.p99', percentileOf(relayLeg, 0.99)),
    info('latency.published_to_read_model.p99', percentileOf(consumerLeg, 0.99)),
  ];
}

function percentileOf(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
