import { nodeRef } from '@ws/contracts';
import { renderNatsConfig } from './nats-config';

describe('renderNatsConfig', () => {
  const district = nodeRef('330802', '柯城区');

  it('gives a child node its domain, store and a leafnode remote that lets no core event or directive through', () => {
    const config = renderNatsConfig({
      node: district,
      port: 4222,
      leafPort: 7422,
      storeDir: '/data/js',
      domain: 'n330802',
      parentLeafUrl: 'nats-leaf://city.example:7422',
      httpPort: 8222,
    });
    expect(config).toContain('server_name: "n330802"');
    expect(config).toContain('port: 4222');
    expect(config).toContain('http_port: 8222');
    expect(config).toMatch(/jetstream \{\s+store_dir: "\/data\/js"\s+domain: "n330802"\s+\}/);
    expect(config).toMatch(/leafnodes \{\s+host: "0.0.0.0"\s+port: 7422\s+remotes: \[/);
    expect(config).toContain('url: "nats-leaf://city.example:7422"');
    expect(config).toContain('deny_imports: ["evt.>", "dir.>"]');
    expect(config).toContain('deny_exports: ["evt.>", "dir.>"]');
  });

  it('has no remote at a province', () => {
    const config = renderNatsConfig({ node: nodeRef('33', '浙江省'), port: 4222, leafPort: 7422, storeDir: '/data', domain: 'n33' });
    expect(config).not.toContain('remotes');
    expect(config).not.toContain('http_port');
    expect(config).toContain('port: 7422');
  });
});
