import { load, save } from './storage';

/** The applications sent from this phone: the number only (the mobile is asked again on the status page). */
export interface KeptApplication {
  applicationNumber: string;
  unionName: string | null;
  at: string;
}

const KEY = 'applications.mine';

export function myApplications(): KeptApplication[] {
  return load<KeptApplication[]>(KEY, []);
}

export function keepApplication(application: KeptApplication): void {
  save(KEY, [application, ...myApplications().filter((a) => a.applicationNumber !== application.applicationNumber)].slice(0, 10));
}
