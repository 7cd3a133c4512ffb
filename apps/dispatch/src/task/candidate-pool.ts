import { Kysely, sql } from 'kysely';
import type { AvailabilitySlot, SkillClaim, VolunteerSkill } from '@ws/contracts';
import type { DispatchDatabase } from '../db/database';
import { CandidateProfile, qualifyingSkills } from './ranking';

/**
 * The district's active volunteers able to do the work, with what fair ranking needs: hours in
 * the recent window, tasks in hand, last decline. Read from the read models, so a volunteer
 * registered a moment ago may join the pool a moment later.
 */
export async function candidatePool(
  db: Kysely<DispatchDatabase>,
  districtCode: string,
  requiredSkill: VolunteerSkill,
  recentSince: Date,
): Promise<CandidateProfile[]> {
  const qualifying = qualifyingSkills(requiredSkill);
  const { rows } = await sql<{
    volunteer_id: string;
    home_street: string;
    skills: SkillClaim[];
    availability: AvailabilitySlot[];
    recent_hours: number;
    open_assignments: number;
    last_declined_at: Date | null;
  }>`
    select v.volunteer_id, v.home_street, v.skills, v.availability,
      coalesce((select sum(h.hours) from service_hours h
                where h.volunteer_id = v.volunteer_id and h.served_at >= ${recentSince}), 0)::float8 as recent_hours,
      (select count(*) from task_board t
       where t.assignee = v.volunteer_id and t.status in ('assigned', 'started'))::int as open_assignments,
      (select max(i.responded_at) from invitation_board i
       where i.volunteer_id = v.volunteer_id and i.status = 'declined') as last_declined_at
    from volunteer_board v
    where v.district_code = ${districtCode} and v.status = 'active'
      ${qualifying.length > 0 ? sql`and v.skill_names && ${qualifying}::text[]` : sql``}`.execute(db);
  return rows.map((r) => ({
    volunteerId: r.volunteer_id,
    homeStreet: r.home_street,
    skills: r.skills,
    availability: r.availability,
    recentHours: Number(r.recent_hours),
    openAssignments: Number(r.open_assignments),
    lastDeclinedAt: r.last_declined_at ? r.last_declined_at.toISOString() : null,
  }));
}
