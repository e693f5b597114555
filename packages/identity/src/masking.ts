import { type Actor, type Applicant, isErased, isSystem } from '@docket/domain';
import type { DepartmentTree } from './departments';

const MASK = '*';

const keepEnds = (value: string, head: number, tail: number): string =>
  value.slice(0, head) + MASK.repeat(value.length - head - tail) + value.slice(value.length - tail);

/**
 * 身份证号: an 18-character resident id keeps its first 6 (the issuing region) and last 4, so a clerk on the
 * phone can still confirm it with the person; the birth date in between is hidden. Other lengths: 15 or more
 * keep 6 + 4 (the old 15-digit id), 8–14 keep 2 + 2 (passports, permits), 4–7 keep the last 1, shorter ones
 * are hidden whole. At least half of every value is masked; the length is kept.
 */
export function maskIdNumber(idNumber: string): string {
  if (isErased(idNumber)) return idNumber; // 〔已删除〕: nothing left to hide
  const value = idNumber.trim();
  if (value.length >= 15) return keepEnds(value, 6, 4);
  if (value.length >= 8) return keepEnds(value, 2, 2);
  if (value.length >= 4) return keepEnds(value, 0, 1);
  return MASK.repeat(value.length);
}

/**
 * 手机号: 11 characters or more keep the first 3 and the last 4 (138****5678); 7–10 (a local landline)
 * keep the last 4; shorter ones are hidden whole.
 */
export function maskPhone(phone: string): string {
  if (isErased(phone)) return phone;
  const value = phone.trim();
  if (value.length >= 11) return keepEnds(value, 3, 4);
  if (value.length >= 7) return keepEnds(value, 0, 4);
  return MASK.repeat(value.length);
}

/** A person's address keeps its first 6 characters (city and district, 上海市黄浦区) and hides the rest. */
export function maskAddress(address: string): string {
  if (isErased(address)) return address;
  const value = address.trim();
  return value.length <= 6 ? value : `${value.slice(0, 6)}${MASK.repeat(3)}`;
}

/** Where a case sits, as far as personal data is concerned. */
export interface CaseScope {
  /** The department that handles the case (item or lead department). */
  department: string;
  /** Co-handling departments of a joint case: they examine the same applicant. */
  coHandlers?: readonly string[];
  /** The applicant's account, when they applied online. */
  applicantUserId?: string;
}

/**
 * PIPL: who needs to see an applicant's ID number and phone in full.
 * - system actors (the services themselves hold the legal record);
 * - the applicant, on their own case;
 * - clerks whose window serves the case's department (they identify the applicant and hand over results);
 * - officers, reviewers and heads of a department handling the case (the department itself or one above
 *   it in the tree, or a co-handler): they examine the application.
 * Everyone else sees masked values: monitors and supervisors watch deadlines, auditors replay the ledger
 * (the ledger keeps the full values; masking is for what is shown), administrators keep the catalogue.
 */
export function canSeePersonalData(actor: Actor, scope: CaseScope | string, tree: DepartmentTree): boolean {
  const where: CaseScope = typeof scope === 'string' ? { department: scope } : scope;
  if (isSystem(actor)) return true;
  if (actor.roles.includes('applicant') && where.applicantUserId === actor.id) return true;
  if (actor.department === undefined || !tree.has(actor.department)) return false;
  const handling = [where.department, ...(where.coHandlers ?? [])];
  if (actor.roles.includes('clerk')) {
    const reach = tree.jurisdiction(actor.department).id;
    if (tree.contains(reach, where.department)) return true;
  }
  if (actor.roles.some((role) => role === 'officer' || role === 'reviewer' || role === 'head')) {
    return handling.some((department) => tree.contains(actor.department as string, department));
  }
  return false;
}

/**
 * The applicant as this actor may see them. A company's 统一社会信用代码 is public (it is printed on the
 * business licence) and stays; a person's ID number, phone and address and the agent's ID number and phone
 * are masked.
 */
export function maskApplicant(
  applicant: Applicant,
  actor: Actor,
  scope: CaseScope | string,
  tree: DepartmentTree,
): Applicant {
  if (canSeePersonalData(actor, scope, tree)) return applicant;
  const masked: Applicant = {
    ...applicant,
    idNumber:
      applicant.idType === 'unified_social_credit_code'
        ? applicant.idNumber
        : maskIdNumber(applicant.idNumber),
    phone: maskPhone(applicant.phone),
  };
  if (applicant.address !== undefined && applicant.type === 'person')
    masked.address = maskAddress(applicant.address);
  if (applicant.agent) {
    masked.agent = {
      ...applicant.agent,
      idNumber: maskIdNumber(applicant.agent.idNumber),
      phone: maskPhone(applicant.agent.phone),
    };
  }
  return masked;
}
