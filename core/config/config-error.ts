/** A setting that stops the start: the message names the variable and says what it must be. */
export class ConfigError extends Error {}
