import type { DemandDispatchDecided, TaskCreated, VolunteerSkill, WishCategory } from '@ws/contracts';
import { derivedId } from '@ws/kernel';

/** The skill a wish category needs; `general` where any volunteer can help. */
export const SKILL_FOR_CATEGORY: Record<WishCategory, VolunteerSkill> = {
  first_aid_training: 'first_aid_trainer',
  health_check: 'doctor',
  legal_advice: 'lawyer',
  childcare_class: 'childcare',
  repair: 'repair',
  job_seeking: 'job_advisor',
  facilities: 'electrician',
  other: 'general',
};

/**
 * The tasks a street officer's decision asks for: one per wish, or one activity for all, or
 * none for an answer without dispatch. Task ids derive from the decision event, so a redelivered
 * decision names the same tasks and finds them already created.
 */
export function tasksFromDecision(eventId: string, decision: DemandDispatchDecided['data']): TaskCreated['data'][] {
  const common = {
    streetCode: decision.streetCode,
    category: decision.category,
    requiredSkill: SKILL_FOR_CATEGORY[decision.category] ?? 'general',
    location: null,
    deadline: decision.deadline,
  };
  switch (decision.mode) {
    case 'answer_only':
      return [];
    case 'activity': {
      const activity = decision.activity;
      return [
        {
          ...common,
          taskId: derivedId(eventId, 'task:activity'),
          source: { decisionId: decision.decisionId, wishIds: [...decision.wishIds] },
          title: activity?.title ?? decision.title,
          stationId: activity?.stationId ?? null,
          scheduledAt: activity?.date ?? null,
          seats: activity?.seats ?? null,
          mode: 'activity',
        },
      ];
    }
    case 'individual_tasks':
      return decision.wishIds.map((wishId) => ({
        ...common,
        taskId: derivedId(eventId, `task:${wishId}`),
        source: { decisionId: decision.decisionId, wishIds: [wishId] },
        title: decision.title,
        stationId: decision.wishStations.find((s) => s.wishId === wishId)?.stationId ?? null,
        scheduledAt: null,
        seats: null,
        mode: 'individual',
      }));
    default:
      return [];
  }
}
