/**
 * Bundle-time stand-in for Node's legacy `url` module, of which sdk-core's signers use one call per
 * signed request: `url.parse(endpoint, true)`, reading `host` and `pathname`. Node's parse builds a
 * whole Url object (query object included) for each request; the endpoints this function signs are
 * plain `scheme://host[:port]/path` with a lower-case host and an unreserved path, for which this
 * reads the two fields directly. Anything else goes to Node's own parse. A unit test compares both.
 * @example parse('https://iotda.cn-north-4.myhuaweicloud.com/v5/iot/p1/harmony-soft-bus', true) // { host: 'iotda…com', pathname: '/v5/iot/p1/harmony-soft-bus' }
 */
import { parse as nodeParse } from 'node:url';

const PLAIN = /^https?:\/\/([a-z0-9.-]+(?::\d{1,5})?)(\/[A-Za-z0-9\-._~/]*)?$/;

export function parse(text: string, parseQueryString?: boolean): { host: string | null; pathname: string | null } {
  const plain = PLAIN.exec(text);
  if (!plain) return nodeParse(text, parseQueryString === true);
  return { host: plain[1] ?? null, pathname: plain[2] ?? '/' };
}

export default { parse };
