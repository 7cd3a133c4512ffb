/** Compile-time proof that a switch covers every case; throws if reached at run time. */
export function assertNever(value: never, what = 'case'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
