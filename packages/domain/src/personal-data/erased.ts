/**
 * 〔已删除〕: what a personal value reads as once it has been erased (PIPL Art. 47, 删除个人信息). The ledger
 * keeps each personal value sealed with a key of its data subject (packages/personal-data); erasing the
 * subject destroys that key, and every read of the ledger from then on gives this marker in the value's
 * place: the case file, the audit export, every read model rebuilt from the ledger. One constant, the same
 * on every read, so a rebuild from position 0 writes the same documents however often it runs.
 *
 * A string, so that every schema that reads a name, an ID or phone number or an address as a string still
 * reads it; it cannot be typed in (the full-width brackets 〔〕 around it are not a name anyone has).
 */
export const ERASED = '〔已删除〕';

/** Whether a personal value was erased (and reads as {@link ERASED}). */
export const isErased = (value: unknown): boolean => value === ERASED;
