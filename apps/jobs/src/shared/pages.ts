export { decodeCursor, DEFAULT_PAGE_SIZE, exactTimeText, page, PageQueryDto } from '@ws/platform';
export type { Cursor } from '@ws/platform';
