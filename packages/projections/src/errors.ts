/** Errors of the read-model store, named for the rule broken. */

export class ReadModelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A collection name or index that does not follow the declaration rules. */
export class InvalidCollectionSpec extends ReadModelError {
  constructor(message: string) {
    super('invalid_collection_spec', message);
  }
}

/** A read or write named a collection that was never declared with ensureCollections. */
export class UnknownCollection extends ReadModelError {
  constructor(readonly collection: string) {
    super('unknown_collection', `Collection "${collection}" is not declared`);
  }
}

/** A query filtered or sorted on a field no index of the collection declares. */
export class UndeclaredField extends ReadModelError {
  constructor(
    readonly collection: string,
    readonly field: string,
  ) {
    super('undeclared_field', `Field "${field}" is not declared on collection "${collection}"`);
  }
}

/** A document without a string id, not a JSON object, or with a non-scalar declared field. */
export class InvalidDocument extends ReadModelError {
  constructor(message: string) {
    super('invalid_document', message);
  }
}

/** A query that cannot mean anything: unknown operator, bad limit, range bound of the wrong type. */
export class InvalidQuery extends ReadModelError {
  constructor(message: string) {
    super('invalid_query', message);
  }
}

/**
 * A batch tried to move a projection's checkpoint backwards: two runners are writing the same
 * projection, or a rebuild did not reset it first.
 */
export class CheckpointWouldMoveBackwards extends ReadModelError {
  constructor(
    readonly projection: string,
    readonly stored: bigint,
    readonly requested: bigint,
  ) {
    super(
      'checkpoint_would_move_backwards',
      `Projection "${projection}" is at ${stored}; a batch up to ${requested} would move it backwards`,
    );
  }
}
