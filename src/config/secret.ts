import { inspect } from 'node:util';

const PLACEHOLDER = '[secret]';

/** Holds a secret so that printing, logging or serialising it by accident prints a placeholder. */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The only way to the value: call it where the value is put on the wire, nowhere else. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return PLACEHOLDER;
  }

  toJSON(): string {
    return PLACEHOLDER;
  }

  [inspect.custom](): string {
    return PLACEHOLDER;
  }
}
