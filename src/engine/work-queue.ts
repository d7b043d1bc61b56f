import { ChunkedQueue } from './chunked-queue';

/**
 * The queue of an invocation's work, in two lanes: listing pages go first (they find more work) unless
 * `lookAhead` syncs already wait, so a reconcile of any fleet holds a bounded queue; then syncs. It runs
 * as many tasks at once as `limit()` says at that moment (the engine sizes it from the rate and the
 * measured latency: src/engine/in-flight.ts), starting more whenever a task ends, work arrives or the
 * limit grows (`wake`), and ends when both lanes are empty and no task runs.
 * @example
 * const queue = new WorkQueue<PageTask, string>(500);
 * queue.pushList(firstPage);
 * await queue.run(() => 16, { list: (task) => listPage(task), sync: (busId) => syncBus(busId) });
 */
export class WorkQueue<L, S> {
  private readonly lists: L[] = [];
  /** In chunks, not an array: a reconcile queues 10,000 syncs (src/engine/chunked-queue.ts). */
  private readonly syncs = new ChunkedQueue<S>();
  private running = 0;
  private pump: () => void = () => {};

  constructor(private readonly lookAhead: number) {}

  /** Queues a listing page; `first` puts it ahead of the others (the next page of a listing in progress). */
  pushList(task: L, first = false): void {
    if (first) this.lists.unshift(task);
    else this.lists.push(task);
    this.pump();
  }

  pushSync(item: S): void {
    this.syncs.push(item);
    this.pump();
  }

  /** The limit may have grown (a task started waiting out a backoff, say): start what it allows. */
  wake(): void {
    this.pump();
  }

  /** Runs the work until none is left, at most `limit()` tasks at once; rejects on a task's error. */
  run(limit: () => number, handle: { list(task: L): Promise<void>; sync(item: S): Promise<void> }): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let failed = false;
      const ended = () => {
        this.running--;
        this.pump();
      };
      const fail = (error: unknown) => {
        failed = true;
        reject(error);
      };
      this.pump = () => {
        if (failed) return;
        while (this.running < limit()) {
          const list = this.queuedSyncs() < this.lookAhead ? this.lists.shift() : undefined;
          const item = list === undefined ? this.syncs.shift() : undefined;
          if (list === undefined && item === undefined) break;
          this.running++;
          const task = list !== undefined ? handle.list(list) : handle.sync(item as S);
          task.then(ended, fail);
        }
        if (this.running === 0 && this.lists.length === 0 && this.queuedSyncs() === 0) resolve();
      };
      this.pump();
    });
  }

  private queuedSyncs(): number {
    return this.syncs.length;
  }
}
