export { decodeCursor, page, PageQueryDto } from '@ws/platform';
export type { Cursor } from '@ws/platform';
