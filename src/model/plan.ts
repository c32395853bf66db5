export const PLAN_STATES = ['gepland', 'gehouden', 'vervallen'] as const
export type PlanState = (typeof PLAN_STATES)[number]

/** A planned conversation (with a group) or observation (an activity) in one halteplaats. */
export interface PlanItem {
  activity: null | string
  date: null | string
  group: null | string
  halteplaats: string
  id: string
  state: PlanState
  updatedAt: string
  updatedBy: null | string
  version: number
}
