/**
 * JSON text to a value, or undefined when it is not JSON. Never throws, and never quotes its input
 * the way JSON.parse's errors do (the input may be a secret).
 * @example parseJson('{"a":1}') // { a: 1 }; parseJson('nope') // undefined
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
