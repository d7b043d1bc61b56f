// Captures the function's log lines (JSON, one per line on stdout) while a handler runs, passing them
// on to `forward` (the terminal's stdout or stderr).
export async function withCapturedLogs(forward, run) {
  const lines = [];
  const original = process.stdout.write;
  let pending = '';
  process.stdout.write = function write(chunk, encoding, callback) {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
    return forward.call(this, chunk, encoding, callback);
  };
  try {
    return { value: await run(), lines };
  } finally {
    process.stdout.write = original;
    if (pending) lines.push(pending);
  }
}

/** The log lines that are JSON objects, parsed. */
export function entriesOf(lines) {
  return lines.flatMap((line) => {
    try {
      const value = JSON.parse(line);
      return value && typeof value === 'object' ? [value] : [];
    } catch {
      return [];
    }
  });
}
