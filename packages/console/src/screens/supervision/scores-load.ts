import { type MonthlyScoreView, type QuarterlyGradeView, supervision } from '@docket/contracts';
import type { Actor } from '@docket/domain';
import { ApiError, call } from '../../api/client';
import { type Department, scoredDepartments } from './directory';
import { quarterOf } from './months';

/** One department's line of a month: its score (and rank), its quarter's grade when three months are locked. */
export interface ScoreLine {
  department: Department;
  score: MonthlyScoreView;
  /** Competition ranking: equal scores share a rank (1, 1, 3). */
  rank: number;
  /** Undefined until all three months of the quarter are locked (the API answers 422). */
  grade: QuarterlyGradeView['grade'] | undefined;
}

export interface MonthScores {
  month: string;
  lines: ScoreLine[];
  /** Departments whose score could not be read (other than being outside the viewer's reach). */
  failures: { department: Department; error: unknown }[];
}

const WATCHERS = ['supervisor', 'monitor', 'auditor'];

/** The departments the viewer may see scored: a watcher's whole directory, a department's staff their own. */
function departmentsFor(actor: Actor, all: readonly Department[]): Department[] {
  const scored = scoredDepartments(all);
  if (actor.roles.some((role) => WATCHERS.includes(role))) return scored;
  return scored.filter((d) => d.id === actor.department);
}

/**
 * A month's scores of every department the viewer may see. The API answers one department's month at a
 * time (GET /api/supervision/scores/{department}/{month}) and has no list of all departments, so the
 * table is composed here over GET /api/departments; a department outside the viewer's reach (403) is
 * left out, any other failure is reported beside the table.
 */
export async function loadMonthScores(
  actor: Actor,
  departments: readonly Department[],
  month: string,
  options: { signal?: AbortSignal; minPosition?: string } = {},
): Promise<MonthScores> {
  const quarter = quarterOf(month);
  const read = await Promise.all(
    departmentsFor(actor, departments).map(async (department) => {
      try {
        const params = { department: department.id, month };
        const [score, grade] = await Promise.all([
          call(supervision.score, { params }, options),
          call(supervision.quarterlyGrade, { params: { department: department.id, quarter } }, options).then(
            (g) => g.grade,
            (error: unknown) => {
              if (error instanceof ApiError && error.status === 422) return undefined;
              throw error;
            },
          ),
        ]);
        return { department, score: score as MonthlyScoreView, grade };
      } catch (error) {
        if ((error as Error).name === 'AbortError') throw error;
        if (error instanceof ApiError && error.status === 403) return undefined;
        return { department, error };
      }
    }),
  );
  const scored = read.filter((r) => r !== undefined && 'score' in r) as Omit<ScoreLine, 'rank'>[];
  const failures = read.filter((r) => r !== undefined && 'error' in r) as MonthScores['failures'];
  return { month, lines: ranked(scored), failures };
}

/** Highest score first; equal scores share a rank, ties ordered by the directory's order. */
export function ranked(lines: Omit<ScoreLine, 'rank'>[]): ScoreLine[] {
  const sorted = [...lines].sort((a, b) => b.score.score - a.score.score);
  return sorted.map((line, index) => {
    const first = sorted.findIndex((other) => other.score.score === line.score.score);
    return { ...line, rank: first === -1 ? index + 1 : first + 1 };
  });
}
