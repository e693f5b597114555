import { z } from 'zod';
import { HandlingCategory } from '../catalogue/service-item';
import { SpecialProcedureKind } from '../review/events';
import type { Command } from '../shared/command';
import { Instant, TimeLimit } from '../shared/time';
import { AnomalyDetails, AnomalyRule, ClockDeadlines, ClockOutcome, DeadlineKind } from './events';

const department = z.string().min(1).max(64);
const causationEventId = z.string().min(1).max(128);

/** Reaction to the review's opening: the case's deadlines, its steps and co-handlers, from the review. */
export const StartClockData = z
  .object({
    caseNo: z.string().min(1).max(64),
    itemCode: z.string().min(1).max(64),
    itemName: z.string().min(1).max(200),
    /** The main task's department (the lead department of a joint case). */
    department,
    acceptingUnit: department,
    category: HandlingCategory,
    /** When the case's clock started (acceptance, or when the materials became complete). */
    startedAt: Instant,
    promisedDeadline: Instant,
    statutoryDeadline: Instant,
    /** 超时默认: the item deems an undecided case approved once the deadline below has passed. */
    deemedApprovalOnTimeout: z.boolean(),
    /** Which deadline deemed approval waits for: the review decider's setting (statutory by default). */
    deemedApprovalDeadline: DeadlineKind.default('statutory'),
    coHandlers: z
      .array(z.object({ department, deadline: Instant, silenceIsConsent: z.boolean() }))
      .max(20)
      .default([]),
    steps: z
      .array(z.object({ index: z.number().int().min(0), name: z.string().min(1).max(100), limit: TimeLimit }))
      .min(1)
      .max(20),
    causationEventId,
  })
  .refine((d) => d.steps.every((step, i) => step.index === i), {
    message: 'steps are listed in order with indexes 0, 1, 2, …',
    path: ['steps'],
  })
  .refine((d) => new Set(d.coHandlers.map((c) => c.department)).size === d.coHandlers.length, {
    message: 'a department is listed once among the co-handlers',
    path: ['coHandlers'],
  });

/** Reaction to a step passed or returned: the step the review made active. */
export const StartStepData = z.object({
  stepIndex: z.number().int().min(0),
  /** Working minutes this step already spent in earlier turns (the review keeps its intervals). */
  spentWorkingMinutes: z.number().int().min(0).max(10_000_000),
  causationEventId,
});

/** Reaction to a joint answer or a deemed consent. */
export const AnswerCoHandlerData = z.object({ department, causationEventId });

/** Reaction to a special procedure's start. */
export const PauseClockData = z.object({ kind: SpecialProcedureKind, causationEventId });

/** Reaction to a special procedure's end: the deadlines as the review moved them. */
export const ResumeClockData = z.object({
  deadlines: ClockDeadlines,
  /** The review's moved co-handler deadlines; a co-handler left out keeps its deadline. */
  coHandlerDeadlines: z.record(department, Instant).default({}),
  causationEventId,
});

/** Reaction to an approved extension. */
export const MoveDeadlinesData = z.object({ deadlines: ClockDeadlines, causationEventId });

/** Reaction to the review's terminal outcome (or the case's closing). */
export const StopClockData = z.object({ outcome: ClockOutcome, causationEventId });

/** Periodic: issue every warning due at `metadata.now`. */
export const EvaluateTimersData = z.object({});

/** 异常办件 found by `detectAnomalies`: recorded once per rule and evidence. */
export const RecordAnomalyData = z.object({
  rule: AnomalyRule,
  evidenceEventId: z.string().min(1).max(128),
  details: AnomalyDetails.default({}),
  /** The case's department (the item's, or the lead department of a joint item). */
  department: department.optional(),
});

/** Every command's payload schema, by its type tag: decide validates against these. */
export const clockCommandSchemas = {
  StartClock: StartClockData,
  StartStep: StartStepData,
  AnswerCoHandler: AnswerCoHandlerData,
  PauseClock: PauseClockData,
  ResumeClock: ResumeClockData,
  MoveDeadlines: MoveDeadlinesData,
  StopClock: StopClockData,
  EvaluateTimers: EvaluateTimersData,
  RecordAnomaly: RecordAnomalyData,
} as const;

type Schemas = typeof clockCommandSchemas;
export type ClockCommandType = keyof Schemas;
/** One clock command by its type tag, with the payload as callers write it. */
export type ClockCommandOf<T extends ClockCommandType> = Command<T, z.input<Schemas[T]>>;
export type ClockCommand = { [T in ClockCommandType]: ClockCommandOf<T> }[ClockCommandType];
/** A command after validation: what the per-command deciders receive. */
export type ValidClockCommand<T extends ClockCommandType> = Command<T, z.output<Schemas[T]>>;
