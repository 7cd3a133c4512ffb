import { labelOf, loadLabels, useLabelOptions } from './labels';

const WISH_LABELS = { categories: [{ code: 'rest', label: '休息' }, { code: 'health', label: '健康' }] };
const answer = async () => new Response(JSON.stringify(WISH_LABELS), { status: 200 });

describe('the worker pages’ names of the codes', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('asks again 10 s after a failed answer, so a code shown while the names load does not stay', async () => {
    // only the clock of the retry: fetch's answer (undici's streams) still needs the real microtask queue
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    const fetchMock = jest.spyOn(global, 'fetch').mockRejectedValueOnce(new TypeError('network down')).mockImplementation(answer);
    await expect(loadLabels('wishes')).rejects.toMatchObject({ code: 'offline' });
    expect(fetchMock).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(10_000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await loadLabels('wishes');
    expect(labelOf('wishes', 'categories', 'rest')).toBe('休息');
    expect(labelOf('wishes', 'categories', 'something_new')).toBe('something_new');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('lists a kind’s codes with their names in the service’s order, for a form’s choices', async () => {
    jest.spyOn(global, 'fetch').mockImplementation(answer);
    await loadLabels('wishes');
    expect(useLabelOptions('categories', 'wishes').value).toEqual(WISH_LABELS.categories);
  });
});
