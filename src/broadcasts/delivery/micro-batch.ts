/**
 * Gathers items that arrive together and writes them in one go: a village-wide emergency has a
 * thousand speakers report `started` within a second, and one statement for all of them leaves the
 * database (and this process's event loop) free for the speakers still downloading. An item waits at
 * most `windowMs`; `add` settles when the batch holding it is written, or fails with it.
 */
export class MicroBatch<T> {
  private items: T[] = [];
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly writing = new Set<Promise<void>>();

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

  /** Writes what is gathered now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.items.length === 0) return;
    const items = this.items;
    const waiters = this.waiters;
    this.items = [];
    this.waiters = [];
    const writing = this.write(items).then(
      () => waiters.forEach((w) => w.resolve()),
      (error: unknown) => waiters.forEach((w) => w.reject(error)),
    );
    this.writing.add(writing);
    void writing.finally(() => this.writing.delete(writing));
  }

  /** Writes what is gathered and waits for every write under way (before the database closes). */
  async drain(): Promise<void> {
    this.flush();
    await Promise.all([...this.writing]);
  }
}
