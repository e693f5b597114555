import type { Role } from '@docket/domain';

/** The roles that see each area of the console (the API refuses the others anyway). */
export const AREA_ROLES = {
  window: ['clerk'],
  /** The head of the people's government (本级人民政府负责人) finds a joint case here to approve its extension. */
  cases: [
    'clerk',
    'officer',
    'reviewer',
    'head',
    'government_head',
    'monitor',
    'supervisor',
    'auditor',
    'admin',
  ],
  inbox: ['officer', 'reviewer', 'head'],
  /** 电子监察: the wall and its desk mode (monitoring reads answer these roles, each within its subtree). */
  wall: ['monitor', 'supervisor', 'head', 'auditor', 'admin'],
  /**
   * 效能监察: complaints, supervision orders, ratings, scores. Supervisors handle complaints, call back, decide
   * appeals and lock scores; monitors issue and close their orders; a department's officers, reviewers and
   * head answer orders, rectify and appeal bad ratings (services/supervision, packages/domain/src/supervision).
   */
  supervision: ['supervisor', 'monitor', 'head', 'officer', 'reviewer'],
  /**
   * 审计: a case's history as of any instant, the ledger's verification, checkpoints, disclosure (auditors);
   * the ledger's verification and signing a checkpoint (the centre's administrators).
   */
  audit: ['auditor', 'admin'],
  /** 系统管理: the service catalogue, the working-day calendar, the rules' thresholds. */
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
