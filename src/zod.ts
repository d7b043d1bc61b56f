/**
 * zod/mini with English messages, configured once: every schema module imports it from here
 * (`import * as z from '../zod'`). zod/mini ships no messages ("Invalid input" only); the English locale
 * costs a few KB and makes every rejection say what is wrong, for a fraction of the full zod's cold start.
 * Re-exported with `export *`, not as an object, so that the bundler keeps only the checks in use.
 * @example import * as z from '../zod'; const Id = z.string().check(z.minLength(1));
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
