/** The stream the audit service alone writes: one per case whose personal data an auditor had unmasked. */
export const disclosureStreamName = (caseNo: string): string => `disclosure-${caseNo}`;

/** 个人信息披露: who had which personal data of the case shown in full, and why. */
export const DISCLOSURE_EVENT = 'PersonalDataDisclosed';
