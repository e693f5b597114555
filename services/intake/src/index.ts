export { newCaseNo, queryCodeFor } from './case-numbers';
export { canViewCase, visibleScope } from './cases/case-queries';
export { INTAKE_STREAMS, intakeProjections, startIntake } from './intake';
export { type IntakeDeps, type IntakeOptions, intakeRulesFromEnv } from './intake-deps';
