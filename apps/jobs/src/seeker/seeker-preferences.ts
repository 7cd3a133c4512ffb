import type { SeekerPreferences } from '@ws/contracts';
import { plainSlots } from '../shared/dto';
import type { PreferencesDto } from '../shared/dto';

/** The preferences of a request as the seeker's commands carry them. */
export function seekerPreferences(body: PreferencesDto): SeekerPreferences {
  return {
    categories: body.categories,
    skills: body.skills,
    payModes: body.payModes,
    homeStreetCode: body.homeStreetCode,
    travelRadiusKm: body.travelRadiusKm,
    availability: plainSlots(body.availability),
  };
}
