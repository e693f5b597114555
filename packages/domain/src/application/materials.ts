import type { ServiceItemVersion } from '../catalogue/service-item';
import type { ProvidedMaterial } from './commands';
import { type OutstandingMaterial, UnknownMaterial } from './errors';
import type { CorrectionItem } from './events';

/**
 * Every material handed in is one the item lists: a code it does not list (a typo, another item's material)
 * would be counted as nothing and recorded as if it were something. The list itself names each code once
 * (`ProvidedMaterials`).
 * @throws UnknownMaterial naming the first such code.
 */
export function requireListedMaterials(
  item: Pick<ServiceItemVersion, 'materials'>,
  handedIn: readonly ProvidedMaterial[],
): void {
  const listed = new Set(item.materials.map((material) => material.code));
  const unlisted = handedIn.find((material) => !listed.has(material.code));
  if (unlisted !== undefined) throw new UnknownMaterial(unlisted.code);
}

/** Copies of one material handed in so far. */
export const countOf = (materials: readonly ProvidedMaterial[], code: string): number =>
  materials.reduce((sum, material) => (material.code === code ? sum + material.count : sum), 0);

/**
 * Mandatory materials not (fully) in hand: a material counts as present when at least as many copies as
 * the item asks for were handed in. The form and the content are the clerk's judgement (marked deficient).
 */
export function missingMandatory(
  item: ServiceItemVersion,
  received: readonly ProvidedMaterial[],
): CorrectionItem[] {
  return item.materials
    .filter((material) => material.requirement === 'mandatory')
    .flatMap((material): CorrectionItem[] => {
      const count = countOf(received, material.code);
      if (count >= material.count) return [];
      return [
        {
          code: material.code,
          name: material.name,
          kind: 'missing',
          reason: count === 0 ? 'not provided' : `${material.count} required, ${count} provided`,
          requiredCount: material.count,
          form: material.form,
        },
      ];
    });
}

/**
 * Lines of the notice the supplement leaves open. A missing material is covered when, with what came
 * before, enough copies are in hand; a deficient one only by a full replacement in this supplement.
 */
export function uncoveredByNotice(
  notice: readonly CorrectionItem[],
  before: readonly ProvidedMaterial[],
  supplement: readonly ProvidedMaterial[],
): OutstandingMaterial[] {
  return notice
    .filter((line) =>
      line.kind === 'missing'
        ? countOf(before, line.code) + countOf(supplement, line.code) < line.requiredCount
        : countOf(supplement, line.code) < line.requiredCount,
    )
    .map(({ code, name, reason }) => ({ code, name, reason }));
}

export const outstanding = (lines: readonly CorrectionItem[]): OutstandingMaterial[] =>
  lines.map(({ code, name, reason }) => ({ code, name, reason }));
