/**
 * Gathers items that arrive together and writes them in one go: a village-wide emergency has a
 * thousand speakers report `started` within a second, and one statement for all of them leaves the
 * database (and this process's event loop) free for the speakers still downloading. An item waits
 * `windowMs`, or for the write under way to end: batches are written one at a time, in order, and
 * what arrives during a write goes into the next one (the busier the speakers, the bigger the batches,
 * never a queue of small ones). In order, a later word about a speaker (its `offline` will after a
 * heartbeat) is never overtaken, and two batches never lock the same rows in different orders
 * (PostgreSQL's deadlock, when a thousand speakers come online at once). `add` settles when the batch
 * holding it is written, or fails with it.
 */
export class MicroBatch<T> {
  private items: T[] = [];
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly windowMs: number,
    private readonly maxItems = 500,
  ) {}

  add(item: T): Promise<void> {
    this.items.push(item);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (this.items.length >= this.maxItems) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    return done;
  }

  /** Writes what is gathered now, or as soon as the write under way ends. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing || this.items.length === 0) return;
    const items = this.items.splice(0, this.maxItems);
    const waiters = this.waiters.splice(0, items.length);
    this.writing = this.write(items)
      .then(
        () => waiters.forEach((w) => w.resolve()),
        (error: unknown) => waiters.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        this.writing = null;
        this.flush();
      });
  }

  /** Writes what is gathered and waits for every write under way (before the database closes). */
  async drain(): Promise<void> {
    this.flush();
    while (this.writing) await this.writing;
  }
}
