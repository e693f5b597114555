export * from './errors';
export { MongoReadModelStore, type MongoReadModelStoreOptions, openMongoReadModelStore } from './mongodb';
export * from './read-model-store';
export {
  createProjectionRunner,
  type Projection,
  type ProjectionRunner,
  type ProjectionRunnerOptions,
  ProjectionStopped,
} from './runner';
export { openSqliteReadModelStore, SqliteReadModelStore, type SqliteReadModelStoreOptions } from './sqlite';
