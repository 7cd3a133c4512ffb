import { parseNodeLinks } from './node-links';

describe('parseNodeLinks', () => {
  it('reads code=url pairs and names the divisions', () => {
    expect(parseNodeLinks(' 3308=http://127.0.0.1:4200/ , 3304=http://10.0.0.5:4300')).toEqual([
      { code: '3308', name: '衢州市', url: 'http://127.0.0.1:4200' },
      { code: '3304', name: '嘉兴市', url: 'http://10.0.0.5:4300' },
    ]);
  });

  it('accepts an empty setting', () => {
    expect(parseNodeLinks('')).toEqual([]);
  });

  it.each(['3308', '3308=', 'abc=http://x', '3308=javascript:alert(1)'])('refuses %s', (spec) => {
    expect(() => parseNodeLinks(spec)).toThrow();
  });
});
