import type { Processor } from './job-context';

export interface FireDeadlineData { deadlineId: string }
export interface RemindData { deadlineId: string; n: number }

/** A deadline's delayed job: fires it if still pending (the row decides, not the job). */
export const processFireDeadline: Processor<FireDeadlineData> = async (ctx, { deadlineId }) =>
  ctx.services.deadlines.fire(deadlineId, ctx.now(), 'job');

export const processRemind: Processor<RemindData> = async (ctx, { deadlineId, n }) =>
  ctx.services.deadlines.remind(deadlineId, n, ctx.now());

/** Periodic (job scheduler): fires overdue deadlines whose jobs Redis lost. */
export const processSweep: Processor<Record<string, never>> = async (ctx) => ctx.services.deadlines.sweep(ctx.now());
