export { COMMANDS, runCli } from './cli';
export {
  CHECKPOINT_DIR_NAME,
  CHECKPOINT_KEY_DIR_NAME,
  type DataDirLayout,
  dataDirLayout,
  defaultDataDir,
} from './data-dir';
export { heldByAnotherConnection } from './lock';
export type { Io } from './output';
export {
  isReadModelService,
  READ_MODEL_SERVICES,
  type ReadModelService,
  type RebuildOptions,
  type RebuildProgress,
  type RebuildResult,
  type RebuildTarget,
  rebuildReadModels,
  serviceProjections,
} from './rebuild';
export {
  groupServices,
  rebuildInWorkers,
  rebuildWorkersAvailable,
  type ServiceRebuild,
  type WorkerRebuildOptions,
} from './rebuild-workers';
