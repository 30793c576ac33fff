import { describe, expect, it } from 'vitest';
import { callLayout, type Tile } from './callLayout';

const people = (n: number): Tile[] => [{ id: 'me', mine: true }, ...Array.from({ length: n - 1 }, (_, i) => ({ id: `p${i + 1}`, mine: false }))];

describe('call layout (VID-4 (8)): only the pictures on screen are asked for', () => {
  it('a grid of 100 shows 9 tiles a page on a computer and asks for those 9 thumbnails only', () => {
    const l = callLayout({ tiles: people(100), view: 'grid', speakerId: 'p1', page: 3, stripPage: 1, mobile: false });
    expect(l.gridPages).toBe(12);
    expect(l.gridTiles.map((t) => t.id)).toEqual(['p18', 'p19', 'p20', 'p21', 'p22', 'p23', 'p24', 'p25', 'p26']);
    expect(l.shown).toEqual(Object.fromEntries(l.gridTiles.map((t) => [t.id, 0])));
  });

  it('two people see each other large, four at medium size; a page past the end shows the last', () => {
    expect(callLayout({ tiles: people(2), view: 'grid', speakerId: 'p1', page: 1, stripPage: 1, mobile: false }).shown).toEqual({ me: 2, p1: 2 });
    expect(callLayout({ tiles: people(4), view: 'grid', speakerId: 'p1', page: 1, stripPage: 1, mobile: true }).shown).toEqual({ me: 1, p1: 1, p2: 1, p3: 1 });
    const past = callLayout({ tiles: people(10), view: 'grid', speakerId: 'p1', page: 7, stripPage: 1, mobile: false });
    expect(past.gridPage).toBe(2);
    expect(past.gridTiles.map((t) => t.id)).toEqual(['p9']);
  });

  it('speaker view with 100: the speaker large, a strip of 6 thumbnails a page (3 on a phone), nobody else', () => {
    const l = callLayout({ tiles: people(100), view: 'speaker', speakerId: 'p42', page: 1, stripPage: 2, mobile: false });
    expect(l.stripPages).toBe(17);
    expect(l.stripTiles.map((t) => t.id)).toEqual(['p6', 'p7', 'p8', 'p9', 'p10', 'p11']);
    expect(l.shown).toEqual({ p42: 2, p6: 0, p7: 0, p8: 0, p9: 0, p10: 0, p11: 0 });
    expect(Object.keys(l.shown)).toHaveLength(7);
    const phone = callLayout({ tiles: people(100), view: 'speaker', speakerId: 'p42', page: 1, stripPage: 1, mobile: true });
    expect(phone.stripTiles.map((t) => t.id)).toEqual(['me', 'p1', 'p2']);
    expect(phone.stripTiles.some((t) => t.id === 'p42')).toBe(false);
  });
});
