export {
  openSqliteReadModelStore,
  SqliteReadModelStore,
  type SqliteReadModelStoreOptions,
} from './sqlite-read-model-store';
