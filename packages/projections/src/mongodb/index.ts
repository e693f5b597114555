export {
  MongoReadModelStore,
  type MongoReadModelStoreOptions,
  openMongoReadModelStore,
} from './mongo-read-model-store';
