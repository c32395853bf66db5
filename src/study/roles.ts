export const TEAM_ROLES = ['projectleider', 'onderzoeker', 'interviewer', 'analist'] as const
export type TeamRole = (typeof TEAM_ROLES)[number]
