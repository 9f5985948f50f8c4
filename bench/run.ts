// npm run bench: each figure beside the raw component it stands on, all measured in this one run.
// Environment: BENCH_OUT (JSON output, default bench/results/latest.json), BENCH_EVENTS (default 20000).
import { cpus, loadavg } from 'node:os';
import { INestMicroservice } from '@nestjs/common';
import { killChildren } from './support/children';
import { BenchEnv } from './support/env';
import { READER_SCHEMA } from './support/reader';
import { Figure, meets, table, writeFigures } from './support/report';
import { relayPublishCase } from './cases/relay-publish';
import { consumerApplyCase } from './cases/consumer-apply';
import { latencyCase } from './cases/latency';
import { httpCreateMemberCase } from './cases/http-create-member';
import { edgeOverheadCase } from './cases/edge-overhead';
import { exchangeSchedulingCase } from './cases/exchange-scheduling';
import { registrationContentionCase } from './cases/registration-contention';
import { grantsWatchCase } from './cases/grants-watch';
import { notificationsFanoutCase } from './cases/notifications-fanout';
import { federationBacklogCase } from './cases/federation-backlog';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const LATENCY_RATE = 500;
const LATENCY_SECONDS = 10;

async function main(): Promise<number> {
  const env = new BenchEnv();
  const figures: Figure[] = [];
  let reader: INestMicroservice | undefined;
  // Interrupted: stop what was started and remove what was created, then go.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping child processes, dropping ${env.databasePrefix}*, deleting ${env.ns.streamPrefix}*`);
      killChildren();
      const open = reader;
      reader = undefined;
      void Promise.resolve(open?.close())
        .catch(() => undefined)
        .then(() => env.cleanup())
        .finally(() => process.exit(130));
    });
  }
  const t0 = Date.now();
  const step = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${s}`);
  let failed = false;
  try {
    step(`run ${env.id}: databases ${env.databasePrefix}*, streams ${env.ns.streamPrefix}*, subjects ${env.ns.subjectPrefix}*`);
    step(`${cpus().length} cores, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const outbox = await env.database('outbox');
    const readerDb = await env.database('reader');
    await readerDb.query(READER_SCHEMA);

    step(`1/9 outbox relay vs raw JetStream publish (window 256), ${EVENTS} events`);
    figures.push(...(await relayPublishCase(env, outbox, EVENTS)));

    step('2/9 consumer apply (inbox + read model, committed) vs raw pull consume + ack, same stream');
    const consumed = await consumerApplyCase(env, readerDb);
    reader = consumed.app;
    figures.push(...consumed.figures);

    // The cases before left thousands of dead and new rows: clean them up now rather than have
    // autovacuum do it in the middle of the latency window.
    await outbox.query('VACUUM ANALYZE outbox');
    await readerDb.query('VACUUM ANALYZE inbox, member_copy');

    step(`3/9 commit-to-read-model latency at ${LATENCY_RATE} events/s for ${LATENCY_SECONDS} s`);
    figures.push(...(await latencyCase(env, outbox, readerDb, LATENCY_RATE, LATENCY_SECONDS)));
    await reader.close();
    reader = undefined;

    step('4/9 membership service: POST /api/membership/members at 16 connections vs raw pg at 16 clients; its RSS');
    figures.push(...(await httpCreateMemberCase(env)));

    step('5/9 edge: GET /api/membership/members?limit=1 through the edge vs straight to membership, 16 connections and one at a time');
    figures.push(...(await edgeOverheadCase(env)));

    step('6/9 practice service: 200 registrations for one 30-seat activity at 16 connections vs raw pg at 16 clients, rounds alternated, each checked');
    figures.push(...(await registrationContentionCase(env)));

    step("7/9 grants service: the officer's watch of 50 sub-grants with five years of reports (GET, one at a time and 8 at a time) vs its SELECTs with raw pg");
    figures.push(...(await grantsWatchCase(env, (s) => step(`    ${s}`))));

    step('8/9 notifications service: one activity with 1,000 registrants cancelled, to every inbox row and e-mail sent (SMTP sink) vs raw BullMQ add + worker INSERT');
    figures.push(...(await notificationsFanoutCase(env, (s) => step(`    ${s}`))));

    step("9/9 federation: a city node's backlog (BENCH_FEDERATION_BACKLOG, default 50,000 events) after an outage, to the hub's read model, vs raw JetStream pull consume + ack; convergence 10,000 events behind");
    figures.push(...(await federationBacklogCase((s) => step(`    ${s}`))));

    // Pure domain code: no database, no service; its raw baseline is date-holidays itself.
    step('exchanges scheduling assistant: one pairing over two years (p95) vs raw date-holidays isHoliday; a 40-city network over a year');
    figures.push(...exchangeSchedulingCase());
  } catch (e) {
    failed = true;
    console.error(e);
  } finally {
    await reader?.close().catch(() => undefined);
    step(`cleaning up; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    await env.cleanup();
  }
  console.log(`\n${table(figures)}\n`);
  const path = writeFigures(figures);
  console.log(`figures written to ${path}; ${((Date.now() - t0) / 1000).toFixed(0)} s in all`);
  const short = figures.filter((f) => meets(f) === false).map((f) => f.name);
  if (short.length) console.log(`short of target: ${short.join(', ')}`);
  if (failed) console.log('the run did not finish: the figures above are the ones measured before it failed');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
