// The audit package's surface: each part exports from its own folder.

export * from './as-of';
export * from './checkpoints';
export * from './export';
export * from './history';
