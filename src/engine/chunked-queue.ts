/** Items per chunk: 8 KiB of references, allocated once. */
export const CHUNK_SIZE = 1024;

/**
 * A list in fixed-size chunks, added to at the end and taken from the front, for the per-bus lists of a
 * large run (the queued syncs, the settled buses). Not a plain array on purpose: an array that grows is
 * copied into a larger store each time, and a store that lives on is copied again by every
 * young-generation collection until it is promoted; for 10,000 buses that copying was a good part of what
 * made V8 grow its young generation (bench/README.md, "Memory"). A chunk is allocated once and never
 * copied by the list; a chunk read to its end is let go.
 * @example
 * const queue = new ChunkedQueue<string>();
 * queue.push('a'); queue.push('b');
 * queue.shift(); // 'a'
 * [...queue]; // ['b']
 */
export class ChunkedQueue<T> implements Iterable<T> {
  private readonly chunks: (T | undefined)[][] = [];
  /** Index of the first item in the first chunk, and of the next free slot in the last one. */
  private head = 0;
  private tail = 0;
  private count = 0;

  constructor(private readonly chunkSize = CHUNK_SIZE) {}

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    let last = this.chunks[this.chunks.length - 1];
    if (last === undefined || this.tail === this.chunkSize) {
      last = new Array(this.chunkSize);
      this.chunks.push(last);
      this.tail = 0;
    }
    last[this.tail++] = item;
    this.count++;
  }

  /** The oldest item, removed; undefined when the queue is empty. */
  shift(): T | undefined {
    const first = this.chunks[0];
    if (first === undefined || this.count === 0) return undefined;
    const item = first[this.head] as T;
    first[this.head++] = undefined;
    this.count--;
    if (this.head === this.chunkSize) {
      this.chunks.shift();
      this.head = 0;
    } else if (this.count === 0) {
      // Empty within its only chunk: start that chunk over.
      this.head = 0;
      this.tail = 0;
    }
    return item;
  }

  /** The items from the oldest to the newest (the queue is not changed). */
  *[Symbol.iterator](): Generator<T> {
    const last = this.chunks.length - 1;
    for (let c = 0; c <= last; c++) {
      const chunk = this.chunks[c] as (T | undefined)[];
      const end = c === last ? this.tail : this.chunkSize;
      for (let i = c === 0 ? this.head : 0; i < end; i++) yield chunk[i] as T;
    }
  }
}
