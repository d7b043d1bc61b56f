/**
 * Reading a request body (bounded) and writing an answer, with node:http.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Decision } from './pipeline.js';

/** Bodies beyond this are refused: the emulated calls carry none. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The body, or undefined when it is larger than `limit` (MAX_BODY_BYTES unless said).
 * @example const body = await readBody(req)
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

/**
 * Writes the answer with the request ID header.
 * @example send(res, requestId, { status: 200, body: '', headers: {} })
 */
export function send(res: ServerResponse, requestId: string, decision: Pick<Decision, 'status' | 'body' | 'headers'>): void {
  const text = decision.body === '' ? '' : typeof decision.body === 'string' ? decision.body : JSON.stringify(decision.body);
  // Even the empty answer of a sync is labelled JSON, as the service does: clients must not parse blindly.
  res.writeHead(decision.status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Request-Id': requestId,
    ...decision.headers,
  });
  res.end(text);
}
