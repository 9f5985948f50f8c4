import { Client } from 'pg';
import { headers as natsHeaders, NatsConnection } from '@nats-io/transport-node';
import { eventSubject, MessagingNamespace } from './namespace';
import { messagingMetrics } from './metrics';
import { BatchMessage, publishBatch } from './batch-publish';

export interface RelayLogger {
  log(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface OutboxRelayOptions {
  service: string;
  /** The service's own database. */
  connectionString: string;
  nc: NatsConnection;
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

/**
 * Set on an event published again from an outbox (`markForRepublish`): it restates what was
 * already so. Read models apply it as any event; whatever reacts to news (notifications) leaves it
 * alone, so a node that is resynchronised does not tell people of old changes.
 */
export const REPLAYED_HEADER = 'Intercity-Replayed';

/** What an event keeps when a node passes it on to another's stream: its trace, and a replay mark. */
export const CARRIED_HEADERS: readonly string[] = ['traceparent', REPLAYED_HEADER];

export function isReplayed(msg: { headers?: { get(k: string): string } } | undefined): boolean {
  return !!msg?.headers?.get(REPLAYED_HEADER);
}

/**
 * Marks the outbox's events written since `since` (all it holds, without it) as not yet sent, and
 * as replayed, so the service's running relay publishes them again in their order. With no date
 * that is the newest event of each aggregate and type (older ones are compacted away) and
 * everything within the retention: the service's whole state, restated.
 */
export async function markForRepublish(db: { query(sql: string, params?: unknown[]): Promise<Array<{ n: number }>> }, since?: Date): Promise<number> {
  const [{ n }] = await db.query(
    `WITH marked AS (
       UPDATE outbox SET sent_at = NULL, headers = headers || jsonb_build_object('${REPLAYED_HEADER}', now()::text)
        WHERE sent_at IS NOT NULL AND ($1::timestamptz IS NULL OR created_at >= $1)
       RETURNING 1)
     SELECT count(*)::int AS n FROM marked`,
    [since ?? null],
  );
  await db.query(`SELECT pg_notify('intercity_outbox', '')`);
  return n;
}

/** First wait before looking again for rows an open transaction held back; it doubles from there. */
const HELD_BACK_FIRST_WAIT_MS = 10;

/**
 * The snapshot's xmin: every transaction older than it, in any database of the server, has ended.
 * Correct everywhere, but a long transaction in another service's database holds this one back.
 */
const CLUSTER_HORIZON = `SELECT pg_snapshot_xmin(pg_current_snapshot()) AS bound`;

/**
 * The same bound over this database's transactions only: outbox rows are written only by
 * transactions connected to this database, so one that has ended here cannot be preceded by a
 * running one elsewhere. pg_stat_activity is read after the statement's snapshot was taken, so a
 * transaction running at the snapshot either still shows (and bounds the horizon) or has ended
 * since, and then its rows are simply not visible yet: they are read on a later round, never
 * skipped. Its 32-bit backend_xid is widened to xid8 against the snapshot's xmax, which is less
 * than 2^31 transactions ahead of any running one.
 */
const DATABASE_HORIZON = `
  SELECT COALESCE(
    (SELECT min(s.xmax - (((s.xmax % 4294967296) - a.backend_xid::text::bigint + 4294967296) % 4294967296))
       FROM pg_stat_activity a
      WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL),
    s.xmax)::text::xid8 AS bound
  FROM (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax) s`;

/** Other roles' backend_xid is hidden without pg_read_all_stats: then only the cluster bound is safe. */
async function horizonFor(client: Client): Promise<string> {
  const { rows } = await client.query<{ ok: boolean }>(
    `SELECT rolsuper OR pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') AS ok FROM pg_roles WHERE rolname = current_user`,
  );
  return rows[0]?.ok ? DATABASE_HORIZON : CLUSTER_HORIZON;
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
  /** A commit was notified since the last drain began: the next poll wait returns at once. */
  private notified = false;
  private lastPurge = 0;
  private completedRounds = 0;
  /** Below it every transaction that could still write this outbox has ended (see `horizonFor`). */
  private horizonSql = CLUSTER_HORIZON;
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

  /** Drain rounds the running relay has completed: lets a caller wait until it has looked again. */
  get rounds(): number {
    return this.completedRounds;
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
    let heldBackWait = 0;
    while (this.running) {
      try {
        if (!this.leader && !(await this.tryLead())) {
          await this.sleep(this.pollIntervalMs * 2);
          continue;
        }
        // A notification that arrives while draining (not sleeping) must not be lost: the row it
        // announces may have committed after this drain's read.
        this.notified = false;
        const published = await this.drain();
        this.completedRounds++;
        await this.purgeSent();
        failures = 0;
        // Rows committed but still held back by the snapshot's xmin (an older transaction anywhere
        // on the server is open) get no notification when that transaction ends: look again soon,
        // backing off to the poll interval while it stays open. (A commit notified meanwhile
        // brings the next drain at once anyway.)
        if (!this.notified && (await this.hasHeldBack())) {
          heldBackWait = published > 0 || heldBackWait === 0 ? HELD_BACK_FIRST_WAIT_MS : heldBackWait * 2;
          heldBackWait = Math.min(heldBackWait, this.pollIntervalMs);
        } else {
          heldBackWait = 0;
        }
        await this.sleep(heldBackWait || this.pollIntervalMs, { unlessNotified: true });
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
      `WITH horizon AS (${this.horizonSql})
       SELECT seq, event_id, event_type, envelope, headers FROM outbox, horizon
       WHERE sent_at IS NULL AND outbox.xid < horizon.bound
       ORDER BY seq LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    // In seq order over one connection, so the stream stores them in that order.
    const acks = await publishBatch(this.opts.nc, rows.map((r) => this.message(r)));
    const firstFailure = acks.findIndex((a) => !a.ok);
    const sent = firstFailure === -1 ? rows : rows.slice(0, firstFailure);
    if (sent.length) await this.markSent(sent.map((r) => r.seq));
    messagingMetrics().outboxPublished.inc({ service: this.opts.service }, sent.length);
    if (firstFailure !== -1) throw new Error(`outbox relay: ${rows[firstFailure].event_type} ${rows[firstFailure].event_id} not stored: ${(acks[firstFailure] as { error: string }).error}`);
    return rows.length;
  }

  private message(row: OutboxRow): BatchMessage {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(row.headers ?? {})) h.set(k, v);
    h.set('Nats-Msg-Id', row.event_id);
    return { subject: eventSubject(row.event_type, this.opts.ns), data: JSON.stringify(row.envelope), headers: h };
  }

  /** Whether committed rows are waiting; right after a drain, only rows it could not read yet. */
  private async hasHeldBack(): Promise<boolean> {
    const client = await this.connection();
    const { rows } = await client.query<{ held: boolean }>('SELECT EXISTS (SELECT 1 FROM outbox WHERE sent_at IS NULL) AS held');
    return rows[0].held;
  }

  protected async markSent(seqs: string[]): Promise<void> {
    const client = await this.connection();
    await client.query('UPDATE outbox SET sent_at = now() WHERE seq = ANY($1::bigint[])', [seqs]);
  }

  private async purgeSent(): Promise<void> {
    if (Date.now() - this.lastPurge < 10 * 60 * 1000) return;
    this.lastPurge = Date.now();
    await this.compact();
  }

  /**
   * Forgets sent rows older than the retention, except the newest of each aggregate and event
   * type. Events carry their aggregate's state, so those rows, replayed in order, restate every
   * aggregate the service ever wrote: a node that joins late, or was away longer than the streams
   * keep events, is resynchronised from them (`republishFromOutbox`). Returns the rows forgotten.
   */
  async compact(): Promise<number> {
    const client = await this.connection();
    const { rowCount } = await client.query(
      `DELETE FROM outbox o
        WHERE o.sent_at < now() - $1 * interval '1 hour'
          AND EXISTS (SELECT 1 FROM outbox n
                       WHERE n.aggregate_type = o.aggregate_type AND n.aggregate_id = o.aggregate_id
                         AND n.event_type = o.event_type AND n.seq > o.seq)`,
      [this.opts.retentionHours ?? 24 * 7],
    );
    return rowCount ?? 0;
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.opts.connectionString, application_name: `${this.opts.service}-outbox-relay` });
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    // Losing the connection loses the lock: stop leading and let the loop reconnect.
    client.on('error', (e) => {
      this.log.warn(`outbox relay connection: ${e.message}`);
      this.leader = false;
      if (this.client === client) this.client = undefined;
    });
    await client.connect();
    this.horizonSql = await horizonFor(client);
    this.client = client;
    return client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.leader = false;
    await client?.end().catch(() => undefined);
  }

  private sleep(ms: number, { unlessNotified = false } = {}): Promise<void> {
    return new Promise((resolve) => {
      if (unlessNotified && this.notified) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
