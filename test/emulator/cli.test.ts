/**
 * `node emulator/run.mjs`: starts, prints the URL and keys, logs each request as one JSON line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, expect, test } from 'vitest';
import { DEMO } from '../../emulator/demo.js';
import { sampleFleet } from '../../emulator/fleet.js';
import { call } from './helpers.js';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

/** Collects stdout until `predicate` holds. */
function waitFor(proc: ChildProcess, predicate: (out: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (predicate(out)) resolve(out);
    });
    proc.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
}

test('the CLI prints its URL and keys, answers signed requests and logs them as JSON lines', async () => {
  // prepare
  child = spawn(process.execPath, ['emulator/run.mjs', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const banner = await waitFor(child, (out) => out.includes('Ctrl-C'));
  const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1] ?? '';
  const logged = waitFor(child, (out) => out.includes('"route":"list"'));
  // act
  const reply = await call({ url } as never, { path: '/harmony-soft-bus', project: DEMO.projectId, credential: DEMO.permanent });
  const out = await logged;
  // assess
  expect(reply.status).toBe(200);
  expect(banner).toContain(DEMO.permanent.sk);
  const line = out.split('\n').find((l) => l.includes('"route":"list"')) ?? '';
  expect(JSON.parse(line)).toMatchObject({ route: 'list', status: 200, authMode: 'basic' });
});

test.each(['--accepted-signatures', '--auth-mode'])('%s derived makes the stand-alone emulator refuse plain signatures', async (flag) => {
  // prepare
  child = spawn(process.execPath, ['emulator/run.mjs', '--port', '0', flag, 'derived'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const banner = await waitFor(child, (out) => out.includes('Ctrl-C'));
  const emu = { url: /listening on (http:\/\/\S+)/.exec(banner)?.[1] ?? '' } as never;
  const request = { path: '/harmony-soft-bus', project: DEMO.projectId, credential: DEMO.permanent };
  // act
  const plain = await call(emu, { ...request, kind: 'basic' });
  const derived = await call(emu, { ...request, kind: 'derived', region: DEMO.region });
  // assess
  expect(banner).toContain('accepts: derived signatures');
  expect([plain.status, derived.status]).toEqual([401, 200]);
});

test('an unknown --accepted-signatures value stops the CLI with exit 2, a line naming the flag and the usage', async () => {
  // prepare
  child = spawn(process.execPath, ['emulator/run.mjs', '--accepted-signatures', 'v4'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // act
  const code = await new Promise((resolve) => child?.on('exit', resolve));
  // assess
  expect(code).toBe(2);
  expect(err.split('\n')[0]).toBe('emulator: --accepted-signatures must be basic, derived, any, none');
  expect(err).toContain('usage: npm run emulator --');
});

test('--cts-denied-ak and --sync-settle-ms reach the stand-alone emulator; the banner names the CTS endpoint', async () => {
  // prepare
  const args = ['emulator/run.mjs', '--port', '0', '--cts-denied-ak', DEMO.permanent.ak, '--sync-settle-ms', '60000'];
  child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const banner = await waitFor(child, (out) => out.includes('Ctrl-C'));
  const emu = { url: /listening on (http:\/\/\S+)/.exec(banner)?.[1] ?? '' } as never;
  const as = { project: DEMO.projectId, credential: DEMO.permanent };
  const busId = sampleFleet().buses[0]?.bus_id ?? '';
  // act
  const traces = await call(emu, { ...as, path: `/v3/${DEMO.projectId}/traces`, query: { trace_type: 'system' }, kind: 'basic' });
  await call(emu, { ...as, method: 'POST', path: `/harmony-soft-bus/${busId}/sync` });
  const shown = await call(emu, { ...as, path: `/harmony-soft-bus/${busId}` });
  // assess
  expect(banner).toContain(`/v3/${DEMO.projectId}/traces`);
  expect(traces.status).toBe(403);
  expect(shown.json().status).toBe('Synchronizing');
});

test('--unsigned answers curl-like requests without a signature and says how in its banner', async () => {
  // prepare
  child = spawn(process.execPath, ['emulator/run.mjs', '--port', '0', '--unsigned'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const banner = await waitFor(child, (out) => out.includes('Ctrl-C'));
  const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1] ?? '';
  // act: what the banner's curl line does
  const reply = await fetch(`${url}/v5/iot/${DEMO.projectId}/harmony-soft-bus?limit=5`);
  // assess
  expect(banner).toContain('accepts: unsigned requests and any signatures');
  expect(banner).toContain(`curl -s '${url}/v5/iot/${DEMO.projectId}/harmony-soft-bus?limit=5'`);
  expect(reply.status).toBe(200);
  expect(((await reply.json()) as { harmony_soft_buses: unknown[] }).harmony_soft_buses).toHaveLength(5);
});
