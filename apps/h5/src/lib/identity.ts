/**
 * The checks the services make on what a worker types (ID number's check digit, mainland mobile,
 * name), run on the phone too so a mistake is shown at the field before anything is sent. One
 * definition: the contracts' pure functions, imported by path (the page bundles only these).
 */
export { checkIdNumber, checkMobile, checkName } from '../../../../libs/contracts/src/membership/identity';
