import { load, save } from './storage';

/**
 * The wishes posted from this phone: the number and the author key the node answered (the key
 * confirms, rates or reopens; nobody copies 24 characters by hand). Nothing else about the author.
 */
export interface MyWish {
  wishNo: string;
  authorKey: string;
  stationName: string;
  categoryLabel: string;
  postedAt: string;
}

const KEY = 'wishes.mine';

export const myWishes = (): MyWish[] => load<MyWish[]>(KEY, []);

export function rememberWish(wish: MyWish): void {
  save(KEY, [wish, ...myWishes().filter((w) => w.wishNo !== wish.wishNo)].slice(0, 50));
}

export const authorKeyOf = (wishNo: string): string | undefined => myWishes().find((w) => w.wishNo === wishNo)?.authorKey;
