import { z } from 'zod';

/**
 * The text rule (录入文本规则): what a person types into the legal record (names, numbers, addresses,
 * reasons, opinions, complaints, findings, replies…) is stored as the text they saw, and nothing else.
 *
 * Refused, with the character and where it is, because they are invisible or change what is displayed:
 * control characters (C0, DEL, C1: NUL, CR, ESC…), bidirectional controls (U+202A–U+202E, U+2066–U+2069,
 * U+200E/U+200F, U+061C: U+202E shows 公司A as A司公), other invisible format characters (category Cf:
 * zero-width space U+200B, word joiner U+2060, byte-order mark U+FEFF, soft hyphen…), invisible fillers
 * (Hangul fillers, the blank braille pattern), line and paragraph separators (U+2028, U+2029),
 * noncharacters (U+FFFE…) and unpaired surrogates (broken encoding). A single line ({@link singleLine})
 * also refuses every line break and the tab; a multi-line text ({@link multiLine}) keeps line feeds and
 * tabs, and stores CRLF as LF.
 *
 * Kept: Chinese text, full-width punctuation (，。、（）《》), the middle dot of transcribed names
 * (阿卜杜·热合曼), ideographic and other spaces, combining marks and variation selectors (a rare
 * character's glyph variant), private-use characters (生僻字 some input methods map there). Zero-width
 * joiners are refused with the rest of Cf: no legitimate Chinese text needs them.
 *
 * The stored value is NFC: the same name typed on two systems is the same string in the record.
 *
 * The rule is for what is typed into a command. Events are read with their own lenient schemas: an event
 * written before the rule still folds (CONTRIBUTING.md: events are never rewritten).
 */

export interface TextLimits {
  /** Most UTF-16 code units, counted on the stored (NFC) value, as zod's `max`. */
  max: number;
}

export interface MultiLineLimits extends TextLimits {
  /**
   * Refuse a text with no visible character. Leave it false where a named rule refuses a blank text
   * (ReasonRequired, 422) or a blank one means "not given".
   */
  required?: boolean;
}

/**
 * One line: a name, an ID or phone number, an address, a document number. Trimmed; a line with no
 * visible character is empty, and refused.
 */
export const singleLine = ({ max }: TextLimits) =>
  z
    .string()
    .normalize('NFC')
    .superRefine(refuseHidden('line'))
    .trim()
    .refine(hasVisibleCharacter, EMPTY)
    .max(max);

/** Text over several lines: a reason, an opinion, a complaint, a finding. LF and tab are kept. */
export const multiLine = ({ max, required = false }: MultiLineLimits) => {
  const text = z
    .string()
    .overwrite((value) => value.replaceAll('\r\n', '\n'))
    .normalize('NFC')
    .superRefine(refuseHidden('text'));
  return (required ? text.refine(hasVisibleCharacter, EMPTY) : text).max(max);
};

/** A character the rule refuses, and where: `at` counts characters (code points) from 1. */
export interface HiddenCharacter {
  codePoint: string;
  at: number;
  /** Its class, as a person reads it ("a bidirectional control"). */
  what: string;
  /** Why it is refused or what to do instead, where that is not obvious. */
  hint?: string;
}

/**
 * The first character of `value` the rule refuses, or undefined. `kind` 'line' refuses line breaks and
 * tabs too; 'text' keeps LF and tab (CR is refused here: `multiLine` turns CRLF into LF before asking).
 */
export function firstHiddenCharacter(value: string, kind: 'line' | 'text'): HiddenCharacter | undefined {
  for (const match of value.matchAll(SUSPECT)) {
    const character = match[0];
    if (kind === 'text' && (character === '\n' || character === '\t')) continue;
    return {
      codePoint: `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
      at: [...value.slice(0, match.index)].length + 1,
      ...describe(character, kind),
    };
  }
  return undefined;
}

/** Anything that may be refused; `describe` says which class it is. Matched per code point (`u`). */
const SUSPECT = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}\u115F\u1160\u3164\uFFA0\u2800]/gu;
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/u;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

function describe(character: string, kind: 'line' | 'text'): { what: string; hint?: string } {
  if (/\p{Cs}/u.test(character))
    return { what: 'an unpaired surrogate', hint: 'the text was broken in encoding' };
  if (kind === 'line' && LINE_BREAK.test(character))
    return { what: 'a line break', hint: 'this field is one line' };
  if (kind === 'text' && /[\u2028\u2029]/u.test(character))
    return { what: 'a line or paragraph separator', hint: 'break lines with a line feed' };
  if (character === '\r') return { what: 'a carriage return without a line feed' };
  if (/\p{Cc}/u.test(character)) return { what: 'a control character' };
  if (BIDI_CONTROL.test(character))
    return { what: 'a bidirectional control', hint: 'it reorders the text on screen' };
  if (/\p{Cf}/u.test(character)) return { what: 'an invisible format character' };
  if (/\p{Noncharacter_Code_Point}/u.test(character)) return { what: 'a noncharacter' };
  return { what: 'an invisible filler character' };
}

const refuseHidden =
  (kind: 'line' | 'text') =>
  (value: string, context: z.RefinementCtx): void => {
    const hidden = firstHiddenCharacter(value, kind);
    if (hidden === undefined) return;
    // continue: false, so that a field of one hidden character is not also reported as empty.
    context.addIssue({
      code: 'custom',
      message: `must not contain ${hidden.what} (${hidden.codePoint} at character ${hidden.at})${hidden.hint === undefined ? '' : `: ${hidden.hint}`}`,
      continue: false,
    });
  };

const EMPTY = 'is empty: it has no visible character';

/** Something other than spaces and marks: what a reader would see. */
const hasVisibleCharacter = (value: string): boolean => /[^\p{White_Space}\p{M}]/u.test(value);
