/**
 * The queue shared by an invocation's workers, in two lanes: listing pages go first (they find more work)
 * unless `lookAhead` syncs already wait, so a reconcile of any fleet holds a bounded queue; then syncs.
 * A worker with nothing to do waits while a listing is in flight (it may bring work), and stops when
 * both lanes are empty and no listing is running.
 * @example
 * const queue = new WorkQueue<PageTask, string>(500);
 * queue.pushList(firstPage);
 * await queue.run(16, { list: (task) => listPage(task), sync: (busId) => syncBus(busId) });
 */
export class WorkQueue<L, S> {
  private readonly lists: L[] = [];
  private readonly syncs: S[] = [];
  private listsInFlight = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly lookAhead: number) {}

  /** Queues a listing page; `first` puts it ahead of the others (the next page of a listing in progress). */
  pushList(task: L, first = false): void {
    if (first) this.lists.unshift(task);
    else this.lists.push(task);
    this.wake();
  }

  pushSync(item: S): void {
    this.syncs.push(item);
    this.wake();
  }

  /** Runs `workers` workers until the work is done. */
  async run(workers: number, handle: { list(task: L): Promise<void>; sync(item: S): Promise<void> }): Promise<void> {
    const worker = async () => {
      for (;;) {
        const list = this.syncs.length < this.lookAhead ? this.lists.shift() : undefined;
        if (list !== undefined) {
          this.listsInFlight++;
          await handle.list(list).finally(() => this.listsInFlight--);
          this.wake();
          continue;
        }
        const item = this.syncs.shift();
        if (item !== undefined) {
          await handle.sync(item);
          continue;
        }
        if (this.listsInFlight === 0) return;
        await new Promise<void>((resolve) => this.waiters.push(resolve));
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
  }

  private wake(): void {
    const released = this.waiters;
    this.waiters = [];
    for (const resolve of released) resolve();
  }
}
