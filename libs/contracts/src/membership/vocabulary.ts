/** Words of the membership domain shared by its API, its events and every copy elsewhere. */
export const MEMBER_KINDS = ['city', 'county', 'city-district', 'partner-organisation'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

export const PROJECT_ROLES = ['coordinator', 'partner', 'core-city', 'fellow-city'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** Mentoring cities are experienced; implementing cities are less so and receive a sub-grant. */
export const EXPERIENCE_LEVELS = ['mentoring', 'implementing'] as const;
export type ExperienceLevel = (typeof EXPERIENCE_LEVELS)[number];

export const PROJECT_STATUSES = ['planned', 'running', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PERSON_FUNCTIONS = [
  'city-liaison',
  'integration-officer',
  'trainer',
  'trainee',
  'integration-champion',
  'expert',
  'coordinator',
] as const;
export type PersonFunction = (typeof PERSON_FUNCTIONS)[number];
