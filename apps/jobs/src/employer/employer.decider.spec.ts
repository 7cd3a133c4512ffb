import type { EmployerEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { EmployerRegistration, employerDecider } from './employer.decider';

const company: EmployerRegistration = {
  employerId: 'employer-1',
  kind: 'company',
  name: '重庆某某卫浴有限公司',
  creditCode: '91350100M000100Y43',
  mobileVerified: true,
  streetCode: '500117001',
  profileRef: 'profile-1',
};
const registered: EmployerEvent = { type: 'EmployerRegistered', data: { employerId: 'employer-1', kind: 'company', streetCode: '500117001', profileRef: 'profile-1' } };
const inReview: EmployerEvent = { type: 'EmployerReviewRequested', data: { employerId: 'employer-1', streetCode: '500117001' } };
const approved: EmployerEvent = { type: 'EmployerApproved', data: { employerId: 'employer-1', streetCode: '500117001', officerId: 'officer-1' } };

describe('employer decider', () => {
  it('registers a company with a valid credit code; the event holds no name, code or mobile', () => {
    spec(employerDecider).given([]).when({ type: 'RegisterEmployer', registration: company }).then([registered]);
    spec(employerDecider).given([registered]).when({ type: 'RegisterEmployer', registration: company }).thenNothing();
  });

  it('refuses a credit code with a wrong check character or format, and an unverified mobile', () => {
    spec(employerDecider).given([]).when({ type: 'RegisterEmployer', registration: { ...company, creditCode: '91350100M000100Y44' } }).thenError('credit_code_bad_checksum', 'creditCode');
    spec(employerDecider).given([]).when({ type: 'RegisterEmployer', registration: { ...company, creditCode: null } }).thenError('credit_code_invalid_format', 'creditCode');
    spec(employerDecider).given([]).when({ type: 'RegisterEmployer', registration: { ...company, mobileVerified: false } }).thenError('mobile_not_verified', 'mobileCode');
    spec(employerDecider).given([]).when({ type: 'RegisterEmployer', registration: { ...company, streetCode: '5001' } }).thenError('validation_failed', 'streetCode');
  });

  it('registers a householder by name, without a credit code', () => {
    const person: EmployerRegistration = { ...company, kind: 'person', name: '庞秀英', creditCode: null };
    spec(employerDecider)
      .given([])
      .when({ type: 'RegisterEmployer', registration: person })
      .then([{ type: 'EmployerRegistered', data: { employerId: 'employer-1', kind: 'person', streetCode: '500117001', profileRef: 'profile-1' } }]);
    spec(employerDecider).given([]).when({ type: 'RegisterEmployer', registration: { ...person, name: '<script>' } }).thenError('name_invalid_characters', 'name');
    spec(employerDecider).given([]).when({ type: 'RegisterEmployer', registration: { ...person, creditCode: '91350100M000100Y43' } }).thenError('validation_failed', 'creditCode');
  });

  it('goes registered → in review → approved; a return sends it back with a reason', () => {
    spec(employerDecider).given([registered]).when({ type: 'RequestEmployerReview' }).then([inReview]);
    spec(employerDecider).given([registered, inReview]).when({ type: 'RequestEmployerReview' }).thenNothing();
    spec(employerDecider).given([registered, inReview]).when({ type: 'ApproveEmployer', officerId: 'officer-1' }).then([approved]);
    spec(employerDecider).given([registered]).when({ type: 'ApproveEmployer', officerId: 'officer-1' }).thenError('employer_status_conflict');
    spec(employerDecider)
      .given([registered, inReview])
      .when({ type: 'ReturnEmployer', officerId: 'officer-1', reason: '营业执照照片不清晰' })
      .then([{ type: 'EmployerReturned', data: { employerId: 'employer-1', officerId: 'officer-1', reason: '营业执照照片不清晰' } }]);
    spec(employerDecider).given([registered, inReview]).when({ type: 'ReturnEmployer', officerId: 'officer-1', reason: '请致电13812345678' }).thenError('personal_data_in_text', 'reason');
    spec(employerDecider).given([]).when({ type: 'ApproveEmployer', officerId: 'officer-1' }).thenError('employer_not_found');
  });

  it('is suspended by the union and reinstated to approved', () => {
    const suspended: EmployerEvent = { type: 'EmployerSuspended', data: { employerId: 'employer-1', streetCode: '500117001', officerId: 'officer-1', reason: '多次被举报' } };
    spec(employerDecider).given([registered, inReview, approved]).when({ type: 'SuspendEmployer', officerId: 'officer-1', reason: '多次被举报' }).then([suspended]);
    spec(employerDecider).given([registered, inReview, approved, suspended]).when({ type: 'SuspendEmployer', officerId: 'officer-1', reason: '多次被举报' }).thenNothing();
    spec(employerDecider).given([registered, inReview, approved, suspended]).when({ type: 'RequestEmployerReview' }).thenError('employer_status_conflict');
    spec(employerDecider)
      .given([registered, inReview, approved, suspended])
      .when({ type: 'ReinstateEmployer', officerId: 'officer-1' })
      .then([{ type: 'EmployerReinstated', data: { employerId: 'employer-1', streetCode: '500117001', officerId: 'officer-1' } }]);
    spec(employerDecider).given([registered, inReview, approved]).when({ type: 'ReinstateEmployer', officerId: 'officer-1' }).thenError('employer_status_conflict');
  });

  it("erases the contact once, naming nobody; nothing is decided for the account after", () => {
    const erased: EmployerEvent = { type: 'EmployerContactErased', data: { employerId: 'employer-1', kind: 'company' } };
    spec(employerDecider).given([registered, inReview, approved]).when({ type: 'EraseEmployerContact' }).then([erased]);
    spec(employerDecider).given([]).when({ type: 'EraseEmployerContact' }).thenError('employer_not_found');
    spec(employerDecider).given([registered, erased]).when({ type: 'EraseEmployerContact' }).thenError('personal_data_erased');
    spec(employerDecider).given([registered, erased]).when({ type: 'RequestEmployerReview' }).thenError('personal_data_erased');
  });
});
