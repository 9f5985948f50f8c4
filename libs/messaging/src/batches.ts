import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';

/**
 * Reads messages as they come and hands whatever has queued up to `apply` as one batch: one message
 * at a time when idle (low latency), up to `batchSize` under load (throughput). Reading stops while
 * two batches wait, so a slow `apply` holds messages back at the server, not in memory. When
 * `running()` turns false, batches not started are given back (nak) for another process.
 */
export async function applyInBatches(
  messages: ConsumerMessages,
  batchSize: number,
  apply: (batch: JsMsg[]) => Promise<void>,
  running: () => boolean,
): Promise<void> {
  const queue: JsMsg[] = [];
  let wakeWorker: (() => void) | undefined;
  let wakeReader: (() => void) | undefined;
  let ended = false;

  const reader = (async () => {
    for await (const m of messages) {
      queue.push(m);
      wakeWorker?.();
      if (queue.length >= batchSize * 2) await new Promise<void>((r) => (wakeReader = r));
    }
    ended = true;
    wakeWorker?.();
  })();

  while (!ended || queue.length) {
    if (!queue.length) {
      await new Promise<void>((r) => (wakeWorker = r));
      continue;
    }
    const batch = queue.splice(0, batchSize);
    wakeReader?.();
    if (!running()) {
      for (const m of batch) m.nak();
      continue;
    }
    await apply(batch);
  }
  await reader;
}
