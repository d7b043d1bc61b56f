// How many requests in flight a 256 MB function can hold: peak RSS of one invocation keeping K requests
// in flight over TLS (the real endpoints are https), for several K. The emulator answers after 1 s, so
// K in flight takes a rate of K/s (SYNC_MAX_RPS = K, SYNC_CONCURRENCY = K). A TLS terminator in this
// process, with a throw-away self-signed certificate that the child trusts through NODE_EXTRA_CA_CERTS,
// forwards to the plain-HTTP emulator.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import { round } from '../lib/figures.mjs';
import { clientOf, startFleetEmulator, WORK } from '../lib/setup.mjs';
import { probe } from './process.mjs';

function certificate() {
  const key = join(WORK, 'tls-key.pem');
  const cert = join(WORK, 'tls-cert.pem');
  const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'];
  const args = [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
  ];
  execFileSync('openssl', [...args, ...subject], { stdio: 'ignore' });
  return { key, cert };
}

async function tlsFront(port, { key, cert }) {
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (socket) => {
    const upstream = connect(port, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', close);
    upstream.on('error', close);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://localhost:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Peak RSS per K in flight, against the empty handler's (`emptyMaxRssMiB`, measured by the caller). */
export async function capacity(emu, bundle, { inFlight = [64, 128, 256, 512], latencyMs = 1000, seconds = 3 } = {}) {
  const pem = certificate();
  const rows = [];
  for (const k of inFlight) {
    const { em, fleet } = await startFleetEmulator(emu, { groups: Math.ceil((k * seconds) / 50), busesPerGroup: 50, latencyMs });
    const front = await tlsFront(em.port, pem);
    try {
      const client = clientOf(emu, em, { IOTDA_ENDPOINT: front.url, SYNC_MAX_RPS: String(k), SYNC_CONCURRENCY: String(k) });
      const groupIds = fleet.groups.map((g) => g.group_id);
      const r = await probe({
        kind: 'invoke',
        bundle,
        ...client,
        processEnv: { NODE_EXTRA_CA_CERTS: pem.cert },
        invocations: [{ event: { kind: 'resync', groupIds }, remainingMs: 120_000 }],
      });
      rows.push({
        inFlight: k,
        maxInFlightSeen: em.stats().maxInFlight,
        synced: r.invocations[0].synced,
        of: fleet.buses.length,
        maxRssMiB: round(r.maxRssKiB / 1024, 1),
        wallS: round(r.invocations[0].wallMs / 1000),
      });
    } finally {
      await front.close();
      await em.close();
    }
  }
  return rows;
}
