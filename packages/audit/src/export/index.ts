export {
  CASE_EXPORT_FORMAT,
  type CaseExport,
  type CaseExportEvent,
  type ExportCaseOptions,
  exportCase,
  recordedEventOf,
} from './case-export';
export { checkCaseExport, type ExportCheck } from './check-export';
export { eventLabels, labelOf } from './labels';
export { escapeHtml, renderCaseTimelineHtml } from './timeline-html';
