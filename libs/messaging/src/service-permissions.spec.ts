import { nodeRef } from '@ws/contracts';
import { RETIRED_DURABLES, retiredDurablesOf } from './retired-consumers';
import { BUS_SERVICES, type BusService, servicePermissions } from './service-permissions';

describe('servicePermissions: seekers (零工之家) as notify recipients', () => {
  const node = nodeRef('330802');

  it("lets notify ask jobs for a seeker's contact and proof, and jobs answer them", () => {
    const notify = servicePermissions(node, 'notify');
    expect(notify.publish).toEqual(expect.arrayContaining(['pii.330802.jobs.contact', 'pii.330802.jobs.recipient']));
    const jobs = servicePermissions(node, 'jobs');
    expect(jobs.subscribe).toEqual(expect.arrayContaining(['pii.330802.jobs.contact', 'pii.330802.jobs.recipient', 'report.330802.jobs.figures']));
    expect(jobs.allowResponses).toBe(true);
  });

  it('lets no other service ask jobs for a contact, nor jobs ask another owner', () => {
    for (const service of ['stations', 'membership', 'wishes', 'dispatch', 'identity', 'dashboard', 'jobs'] as const) {
      expect(servicePermissions(node, service).publish.filter((s) => s.startsWith('pii.330802.') && s.endsWith('.contact'))).toEqual([]);
    }
  });
});

describe('servicePermissions: consumers', () => {
  const node = nodeRef('330802');

  it("lets a service delete only its own retired durables, by name, and never list consumers nor call the durable-create API", () => {
    const deletes = (service: BusService) => servicePermissions(node, service).publish.filter((subject) => subject.startsWith('$JS.API.CONSUMER.DELETE.'));
    expect(deletes('membership')).toEqual(RETIRED_DURABLES.membership.map((durable) => `$JS.API.CONSUMER.DELETE.EVT.${durable}`));
    for (const service of BUS_SERVICES) {
      const publish = servicePermissions(node, service).publish;
      expect(deletes(service)).toEqual(retiredDurablesOf(service).map((durable) => `$JS.API.CONSUMER.DELETE.EVT.${durable}`));
      expect(publish.filter((subject) => /\$JS\.API\.CONSUMER\.(LIST|NAMES|DURABLE)/.test(subject) || subject === '$JS.API.>')).toEqual([]);
    }
  });
});
