import { ERASED_LABEL, presentPerson } from './disclosure';

const readable = { state: 'readable' as const, data: { name: '张三', mobile: '13812345678', idNumber: '11010519491231002X' } };

describe('presenting a person', () => {
  it('masks unless allowed', () => {
    expect(presentPerson(readable, false)).toEqual({ name: '张*', mobile: '138****5678', idNumber: '110***********002X', disclosure: 'masked' });
    expect(presentPerson(readable, true)).toEqual({ ...readable.data, disclosure: 'unmasked' });
  });

  it('shows 已注销 for an erased person, even to an officer allowed to see them', () => {
    expect(presentPerson({ state: 'erased' }, true)).toMatchObject({ name: ERASED_LABEL, mobile: null, idNumber: null, disclosure: 'erased' });
    expect(presentPerson(readable, true, true)).toMatchObject({ name: ERASED_LABEL, disclosure: 'erased' });
  });

  it('says the data is held elsewhere at a parent node', () => {
    expect(presentPerson({ state: 'elsewhere' }, true)).toMatchObject({ mobile: null, idNumber: null, disclosure: 'elsewhere' });
  });
});
