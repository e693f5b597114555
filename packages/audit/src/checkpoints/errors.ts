/** A checkpoint operation that cannot go on; `code` is stable for the CLI and transports. */
export class CheckpointError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}
