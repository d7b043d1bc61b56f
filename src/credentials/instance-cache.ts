/**
 * Values kept for the life of a warm instance (module scope), each until its own expiry: the secret's
 * keys until the TTL, federated keys until shortly before they expire. Callers that ask while a load
 * is under way share it. A failed load is not kept.
 * @example
 * const cache = new InstanceCache<RuntimeKeys>();
 * const keys = await cache.get(secretId, async () => ({ value: await read(), expiresAt: Date.now() + 300_000 }));
 */
export class InstanceCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<T>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The kept value while `isFresh` (default: before its expiry), else a new one from `load`. */
  async get(
    key: string,
    load: () => Promise<{ value: T; expiresAt: number }>,
    isFresh: (expiresAt: number, now: number) => boolean = (expiresAt, now) => now < expiresAt,
  ): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && isFresh(entry.expiresAt, this.now())) return entry.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const loaded = load()
      .then(({ value, expiresAt }) => {
        this.entries.set(key, { value, expiresAt });
        return value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, loaded);
    return loaded;
  }

  /** Forgets a value (keys a service refused). */
  delete(key: string): void {
    this.entries.delete(key);
  }
}
