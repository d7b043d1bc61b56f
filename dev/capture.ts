/**
 * Captures what the function writes (one JSON log line per line on stdout) while passing it on, or not.
 * Used by `npm start` (forward to the terminal), the CLI (forward to stderr) and the tests (swallow, then
 * scan for secrets).
 * @example
 * const capture = captureOutput({ forward: 'stderr' });
 * try { await run(); } finally { capture.restore(); }
 * entriesOf(capture.lines);
 */
export function captureOutput(options: { forward?: 'stdout' | 'stderr'; stderr?: boolean; console?: boolean } = {}) {
  const lines: string[] = [];
  let pending = '';
  // The stream's own write, kept before any patching: forwarding through a patched stream would loop.
  const target = options.forward && process[options.forward];
  const forward = target?.write.bind(target);
  const record = (chunk: unknown) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    forward?.(text);
    const parts = (pending + text).split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
  };
  const restorers: Array<() => void> = [];
  const patch = (stream: NodeJS.WriteStream) => {
    const original = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      record(chunk);
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
    restorers.push(() => {
      stream.write = original;
    });
  };
  patch(process.stdout);
  if (options.stderr) patch(process.stderr);
  if (options.console) {
    for (const name of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[name];
      console[name] = (...args: unknown[]) => record(`${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`);
      restorers.push(() => {
        console[name] = original;
      });
    }
  }
  return {
    lines,
    restore() {
      for (const undo of restorers.splice(0).reverse()) undo();
      if (pending) lines.push(pending);
      pending = '';
    },
  };
}

/** The lines that are JSON objects, parsed. @example entriesOf(capture.lines).filter((e) => e.message === 'bus synced') */
export function entriesOf(lines: readonly string[]): Array<Record<string, unknown>> {
  return lines.flatMap((line) => {
    try {
      const value = JSON.parse(line) as unknown;
      return value && typeof value === 'object' && !Array.isArray(value) ? [value as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}
