import { JOB_APPLICATION_STATUS_LABELS, JOB_CATEGORY_LABELS, labelPairs, PAY_MODE_LABELS, PAY_UNIT_LABELS } from '@ws/contracts';
import { applicationStatusLabel, categoryLabel, distanceText, payModeLabel, payText, starsText } from './jobs';
import { loadLabels } from './labels';

/** What the jobs service's GET /labels answers (the part these pages read). */
const JOBS_LABELS = {
  categories: labelPairs(JOB_CATEGORY_LABELS),
  payModes: labelPairs(PAY_MODE_LABELS),
  payUnits: labelPairs(PAY_UNIT_LABELS),
  applicationStatuses: labelPairs(JOB_APPLICATION_STATUS_LABELS),
};

describe('零工之家 on the worker pages: how pay, distance and states read', () => {
  const fetchMock = jest.spyOn(global, 'fetch').mockImplementation(async () => new Response(JSON.stringify(JOBS_LABELS), { status: 200 }));
  afterAll(() => fetchMock.mockRestore());

  it('codes read as their code until the jobs service has named them, then as it names them; an unknown code as it is', async () => {
    expect(categoryLabel('housekeeping')).toBe('housekeeping');
    await loadLabels('jobs');
    expect(categoryLabel('housekeeping')).toBe('家政服务');
    expect(payModeLabel('per_project')).toBe('项目制');
    expect(applicationStatusLabel('invited')).toBe('已邀请');
    expect(categoryLabel('something_new')).toBe('something_new');
  });

  it('asks the jobs service once, through the front', async () => {
    await loadLabels('jobs');
    categoryLabel('housekeeping');
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/jobs/labels']);
  });

  it('pay in fen reads as yuan with its unit, a range or one figure', async () => {
    await loadLabels('jobs');
    expect(payText({ minFen: 2_500, maxFen: 3_500, unit: 'hour' })).toBe('25–35 元/小时');
    expect(payText({ minFen: 300_000, maxFen: 300_000, unit: 'month' })).toBe('3000 元/月');
    expect(payText({ minFen: 1_250, maxFen: 1_999, unit: 'day' })).toBe('12.50–19.99 元/天');
  });

  it('a rating reads as five stars, filled to the nearest whole star', () => {
    expect(starsText(4)).toBe('★★★★☆');
    expect(starsText(4.5)).toBe('★★★★★');
    expect(starsText(4.4)).toBe('★★★★☆');
    expect(starsText(1)).toBe('★☆☆☆☆');
  });

  it('distance in metres under a kilometre, else kilometres to one decimal', () => {
    expect(distanceText(0.5)).toBe('500 米');
    expect(distanceText(2.25)).toBe('2.3 公里');
  });
});
