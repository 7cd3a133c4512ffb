import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { labelsController } from './labels-controller';

describe('labelsController', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const LabelsController = labelsController('测试 labels', '代码的中文名称：颜色、大小', {
      colours: { red: '红', green: '绿' },
      sizes: { small: '小' },
    });
    const module = await Test.createTestingModule({ controllers: [LabelsController] }).compile();
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers each kind as { code, label } pairs in the given order, cached an hour', async () => {
    const answer = await app.inject({ method: 'GET', url: '/labels' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('public, max-age=3600');
    expect(answer.json()).toEqual({
      colours: [{ code: 'red', label: '红' }, { code: 'green', label: '绿' }],
      sizes: [{ code: 'small', label: '小' }],
    });
  });

  it('documents the answer in OpenAPI: one array of pairs per kind', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const operation = document.paths['/labels']!.get!;
    expect(operation.tags).toEqual(['测试 labels']);
    expect(operation.summary).toBe('代码的中文名称：颜色、大小');
    const schema = (operation.responses['200'] as { content: Record<string, { schema: any }> }).content['application/json']!.schema;
    expect(schema).toMatchObject({ type: 'object', required: ['colours', 'sizes'] });
    expect(schema.properties.colours).toMatchObject({ type: 'array', items: { type: 'object', required: ['code', 'label'] } });
    expect(Object.keys(schema.properties)).toEqual(['colours', 'sizes']);
  });
});
