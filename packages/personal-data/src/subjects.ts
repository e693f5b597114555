/**
 * Who personal data is about (the data subject, 个人信息主体), as the registry names them from an event.
 * The vault turns each into a reference (`person-…`, `user-…`, `contact-…`, `stream-…`): an HMAC-SHA256 of
 * the identity below with a secret of the vault, so the ledger and the vault hold no ID number, account or
 * phone number in the clear, and nobody without the secret can test a guess against a reference.
 *
 * - `person`: the holder of an ID document (an applicant, an agent; a company by its 统一社会信用代码);
 * - `user`: an account (an applicant who signed in, a complainant with an account);
 * - `contact`: a name and phone number (a complaint taken down by phone, without an account);
 * - `stream`: the values of one stream whose subject nothing else identifies.
 */
export type SubjectIdentity =
  | { kind: 'person'; idType: string; idNumber: string }
  | { kind: 'user'; userId: string }
  | { kind: 'contact'; name: string; phone: string }
  | { kind: 'stream'; stream: string };

export type SubjectKind = SubjectIdentity['kind'];

/**
 * The bytes an identity is hashed from. ID numbers are compared without case or spaces (a resident ID's
 * check character X is typed either way); names and phone numbers without surrounding spaces.
 */
export function subjectIdentityText(identity: SubjectIdentity): string {
  switch (identity.kind) {
    case 'person':
      return `person\n${identity.idType}\n${identity.idNumber.replace(/\s+/g, '').toUpperCase()}`;
    case 'user':
      return `user\n${identity.userId}`;
    case 'contact':
      return `contact\n${identity.name.trim()}\n${identity.phone.replace(/\s+/g, '')}`;
    case 'stream':
      return `stream\n${identity.stream}`;
  }
}

export const SUBJECT_REF = /^(person|user|contact|stream)-[0-9a-f]{32}$/;

export const isSubjectRef = (value: unknown): value is string =>
  typeof value === 'string' && SUBJECT_REF.test(value);
