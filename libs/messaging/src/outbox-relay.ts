import { Client } from 'pg';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { eventSubject, MessagingNamespace } from './namespace';
import { messagingMetrics } from './metrics';

export interface RelayLogger {
  log(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface OutboxRelayOptions {
  service: string;
  /** The service's own database. */
  connectionString: string;
  js: JetStreamClient;
  ns: MessagingNamespace;
  /** Rows read and published per round; publishes are pipelined within it. */
  batchSize?: number;
  /** Polls this often too, in case a notification was missed (e.g. while reconnecting). */
  pollIntervalMs?: number;
  /** Sent rows are kept this long so a stream can be replayed from PostgreSQL. */
  retentionHours?: number;
  logger?: RelayLogger;
}

interface OutboxRow {
  seq: string;
  event_id: string;
  event_type: string;
  envelope: unknown;
  headers: Record<string, string>;
}

const quietLogger: RelayLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Publishes a service's outbox to JetStream (ARCHITECTURE §4.1).
 *
 * - One leader per service: a session advisory lock on a dedicated connection. A standby takes
 *   over when the leader's connection goes, so two replicas never interleave publishes.
 * - Reads only rows whose writing transaction is older than the snapshot's xmin: every older
 *   transaction has ended, so no row with a lower `seq` can still appear later and be skipped.
 * - `Nats-Msg-Id` is the event id, and rows are marked sent only after the server's ack: a relay
 *   that dies in between republishes, and JetStream (within its window) or the consumers' inbox
 *   (beyond it) drop the duplicate.
 */
export class OutboxRelay {
  private client?: Client;
  private running = false;
  private leader = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastPurge = 0;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly log: RelayLogger;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.batchSize = opts.batchSize ?? 500;
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.log = opts.logger ?? quietLogger;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.disconnect();
  }

  /**
   * Publishes what is visible now, one batch after another, until nothing is left. Only the leader
   * may call it; tests call it directly to step the relay.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n < this.batchSize) return total;
    }
  }

  /** Takes the leader lock if it is free; returns whether this relay now leads. */
  async tryLead(): Promise<boolean> {
    const client = await this.connection();
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [
      `intercity:outbox-relay:${this.opts.service}`,
    ]);
    this.leader = rows[0].ok;
    if (this.leader) await client.query('LISTEN intercity_outbox');
    return this.leader;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (!this.leader && !(await this.tryLead())) {
          await this.sleep(this.pollIntervalMs * 2);
          continue;
        }
        await this.drain();
        await this.purgeSent();
        failures = 0;
        await this.sleep(this.pollIntervalMs);
      } catch (e) {
        failures++;
        this.log.warn(`outbox relay: ${(e as Error).message}; retrying`);
        await this.disconnect();
        await this.sleep(Math.min(200 * 2 ** failures, 10_000));
      }
    }
  }

  private async publishBatch(): Promise<number> {
    const client = await this.connection();
    const { rows } = await client.query<OutboxRow>(
      `SELECT seq, event_id, event_type, envelope, headers FROM outbox
       WHERE sent_at IS NULL AND xid < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY seq LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    // Pipelined in seq order over one connection, so the stream stores them in that order.
    const acks = await Promise.allSettled(rows.map((r) => this.publish(r)));
    const firstFailure = acks.findIndex((a) => a.status === 'rejected');
    const sent = firstFailure === -1 ? rows : rows.slice(0, firstFailure);
    if (sent.length) await this.markSent(sent.map((r) => r.seq));
    messagingMetrics().outboxPublished.inc({ service: this.opts.service }, sent.length);
    if (firstFailure !== -1) throw (acks[firstFailure] as PromiseRejectedResult).reason;
    return rows.length;
  }

  private publish(row: OutboxRow): Promise<PubAck> {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(row.headers ?? {})) h.set(k, v);
    return this.opts.js.publish(eventSubject(row.event_type, this.opts.ns), JSON.stringify(row.envelope), {
      msgID: row.event_id,
      headers: h,
    });
  }

  protected async markSent(seqs: string[]): Promise<void> {
    const client = await this.connection();
    await client.query('UPDATE outbox SET sent_at = now() WHERE seq = ANY($1::bigint[])', [seqs]);
  }

  private async purgeSent(): Promise<void> {
    if (Date.now() - this.lastPurge < 10 * 60 * 1000) return;
    this.lastPurge = Date.now();
    const client = await this.connection();
    await client.query(`DELETE FROM outbox WHERE sent_at < now() - make_interval(hours => $1)`, [
      this.opts.retentionHours ?? 24 * 7,
    ]);
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.opts.connectionString, application_name: `${this.opts.service}-outbox-relay` });
    client.on('notification', () => this.wake?.());
    // Losing the connection loses the lock: stop leading and let the loop reconnect.
    client.on('error', (e) => {
      this.log.warn(`outbox relay connection: ${e.message}`);
      this.leader = false;
      if (this.client === client) this.client = undefined;
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.leader = false;
    await client?.end().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
