/**
 * Gathers the calls made while a batch is in flight into the next batch: under load many calls
 * share one round trip (one statement), and an idle caller waits for nothing, its call going at
 * once. `run` answers each item of a batch in order. Two items with the same key never share a
 * batch (the second goes in the next one), so a statement never sees one row twice. A batch that
 * fails rejects each of its calls with the error.
 */
export class Coalescer<I, O> {
  private waiting: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private busy = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly key: (item: I) => string,
    private readonly max = 100,
  ) {}

  call(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.waiting.length) {
        const batch: typeof this.waiting = [];
        const later: typeof this.waiting = [];
        const keys = new Set<string>();
        for (const w of this.waiting) {
          const k = this.key(w.item);
          if (batch.length < this.max && !keys.has(k)) {
            keys.add(k);
            batch.push(w);
          } else {
            later.push(w);
          }
        }
        this.waiting = later;
        try {
          const out = await this.run(batch.map((w) => w.item));
          batch.forEach((w, i) => w.resolve(out[i]));
        } catch (e) {
          for (const w of batch) w.reject(e);
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
