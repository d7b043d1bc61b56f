/**
 * Bundle-time stand-in for `moment`, of which sdk-core's signers use one expression:
 * `moment(date?).utcOffset(0).format('YYYYMMDDTHHmmss')`. Loading the real moment costs about a third
 * of the function's cold start; esbuild aliases it to this file (dev/build.ts). A unit test
 * checks this against the real moment, and any other use throws rather than sign wrongly.
 * `moment()` (now) is asked once per signed request: its text is made once per second.
 * @example moment().utcOffset(0).format('YYYYMMDDTHHmmss') // '20261128T081500'
 */
export default function moment(input?: string | number | Date): Formatted {
  if (input !== undefined) return new Formatted(basicText(parseDate(input)));
  const second = Math.floor(Date.now() / 1000);
  if (current?.second !== second) current = { second, formatted: new Formatted(basicText(new Date(second * 1000))) };
  return current.formatted;
}

class Formatted {
  constructor(private readonly text: string) {}

  utcOffset(offset: number): Formatted {
    if (offset !== 0) throw new Error(`moment shim: only utcOffset(0) is supported, got ${offset}`);
    return this;
  }

  format(pattern: string): string {
    if (pattern !== 'YYYYMMDDTHHmmss') throw new Error(`moment shim: unsupported format ${pattern}`);
    return this.text;
  }
}

let current: { second: number; formatted: Formatted } | undefined;

const basicText = (date: Date) => date.toISOString().replace(/[-:]/g, '').slice(0, 15);

const BASIC_ISO = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function parseDate(input: string | number | Date): Date {
  if (typeof input === 'string') {
    const basic = BASIC_ISO.exec(input);
    if (basic) {
      const [, y, mo, d, h, mi, s] = basic.map(Number) as number[];
      return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
    }
  }
  const date = new Date(input);
  if (Number.isNaN(date.getTime())) throw new Error('moment shim: unparseable date');
  return date;
}
