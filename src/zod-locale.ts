import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships no messages ("Invalid input" only); the English locale costs a few KB and makes
// every rejection say what is wrong. Imported for its effect by every module that defines schemas.
config(en());
