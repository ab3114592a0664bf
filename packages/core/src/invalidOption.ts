/** Throws core's configuration error, naming the option: `[lowlight] core: "<option>" must be <expected>, got <value>`. */
export function invalidOption(option: string, expected: string, value: unknown): never {
  throw new Error(`[lowlight] core: "${option}" must be ${expected}, got ${JSON.stringify(value)}`);
}
